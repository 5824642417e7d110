import { describe, expect, it } from "vitest";
import {
  mailboxHeader,
  renderMessage,
  renderQueuedMessage,
  withSenderAndDate,
} from "@/lib/outbox/render-message";
import { decodeEncodedWords } from "@/lib/relay/decode-words";

const fields = {
  to: ["parent@example.org"],
  cc: ["cpe@example.org"],
  subject: "Réunion parents-professeurs",
  text: "Bonjour,\n\nla réunion a lieu jeudi.",
  messageId: "<bulletin-1@lycee.test>",
};

const headOf = (message: Buffer) => message.toString("utf8").split("\r\n\r\n")[0]!;

describe("the message a mail is queued with", () => {
  it("holds its recipients, subject, Message-ID and body, without Bcc:, From: or Date:", async () => {
    const kept = renderQueuedMessage(fields);
    const head = headOf(kept);
    expect(head).toMatch(/^To: parent@example\.org$/m);
    expect(head).toMatch(/^Cc: cpe@example\.org$/m);
    expect(head).toMatch(/^Message-ID: <bulletin-1@lycee\.test>$/m);
    expect(decodeEncodedWords(/^Subject: (.+)$/m.exec(head)![1]!)).toBe("Réunion parents-professeurs");
    expect(head).not.toMatch(/^(Bcc|From|Date):/im);
    expect(kept.toString("utf8")).toContain("la r=C3=A9union a lieu jeudi.");
  });

  it("is the message nodemailer builds from the same fields, less those two fields", async () => {
    const whole = await renderMessage({
      ...fields,
      from: { name: "Vie scolaire", address: "vie.scolaire@lycee.test" },
      bcc: [],
      attachments: [],
    });
    const kept = renderQueuedMessage(fields);
    const without = whole.toString("utf8").replace(/^(Date|From): .+\r\n/gm, "");
    expect(without).not.toBe(whole.toString("utf8"));
    expect(kept.toString("utf8")).toBe(without);
  });

  it("separates text and HTML with a boundary of its own", () => {
    const both = { ...fields, html: "<p>la réunion a lieu jeudi.</p>" };
    const boundaryOf = (message: Buffer) => /boundary="([^"]+)"/.exec(message.toString("utf8"))?.[1];
    const first = boundaryOf(renderQueuedMessage(both));
    const second = boundaryOf(renderQueuedMessage(both));
    expect(first).toMatch(/^--_NmP-[0-9a-f]{32}-Part_1$/);
    expect(second).not.toBe(first);
  });

  it("goes out with From: its mailbox and Date: the moment it is sent, first in the head", async () => {
    const kept = renderQueuedMessage(fields);
    const sent = withSenderAndDate(
      kept,
      { name: "Vie scolaire", address: "vie.scolaire@lycee.test" },
      new Date("2026-12-07T08:30:05Z"),
    );
    const head = headOf(sent).split("\r\n");
    expect(head.slice(0, 2)).toEqual([
      'From: "Vie scolaire" <vie.scolaire@lycee.test>',
      "Date: Mon, 07 Dec 2026 08:30:05 +0000",
    ]);
    expect(sent.subarray(sent.length - kept.length).equals(kept)).toBe(true);
  });
});

describe("a mailbox in a header", () => {
  it("quotes an ASCII name, its quotes escaped", () => {
    expect(mailboxHeader("Vie scolaire", "vs@lycee.test")).toBe('"Vie scolaire" <vs@lycee.test>');
    expect(mailboxHeader('Durand, "CPE"', "cpe@lycee.test")).toBe('"Durand, \\"CPE\\"" <cpe@lycee.test>');
    expect(mailboxHeader("  ", "vs@lycee.test")).toBe("<vs@lycee.test>");
  });

  it("encodes a name that is not ASCII whole, so that its commas stay inside it", () => {
    const header = mailboxHeader(
      "Durand, Vie scolaire — Lycée Jean Moulin de Saint-Étienne",
      "vs@lycee.test",
    );
    expect(header).toMatch(/^(=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?= ?)+ <vs@lycee\.test>$/);
    expect(header).not.toContain(",");
    expect(decodeEncodedWords(header.replace(/ <.*$/, ""))).toBe(
      "Durand, Vie scolaire — Lycée Jean Moulin de Saint-Étienne",
    );
  });

  it("folds line breaks in a name to spaces and writes an international domain in ASCII", () => {
    expect(mailboxHeader("Vie\r\nscolaire", "vs@école.test")).toBe('"Vie scolaire" <vs@xn--cole-9oa.test>');
  });
});
