import { describe, expect, it } from "vitest";
import { foldedField } from "@/lib/outbox/message-head";
import {
  mailboxHeader,
  renderMessage,
  renderQueuedMessage,
  withSenderAndDate,
} from "@/lib/outbox/render-message";
import { withBccHeader } from "@/lib/transports/compose-mime";
import { decodeEncodedWords } from "@/lib/relay/decode-words";

const fields = {
  from: { name: "Vie scolaire", address: "vie.scolaire@lycee.test" },
  to: ["parent@example.org"],
  cc: ["cpe@example.org"],
  subject: "Réunion parents-professeurs",
  text: "Bonjour,\n\nla réunion a lieu jeudi.",
  messageId: "<bulletin-1@lycee.test>",
};

const headOf = (message: Buffer) => message.toString("utf8").split("\r\n\r\n")[0]!;
const fieldsOf = (message: Buffer) => headOf(message).split(/\r\n(?![ \t])/);

describe("the message a mail is queued with", () => {
  it("is whole but for Bcc: its sender, recipients, subject, Message-ID, date and body", () => {
    const kept = renderQueuedMessage(fields);
    const head = headOf(kept);
    expect(head).toMatch(/^From: Vie scolaire <vie\.scolaire@lycee\.test>$/m);
    expect(head).toMatch(/^To: parent@example\.org$/m);
    expect(head).toMatch(/^Cc: cpe@example\.org$/m);
    expect(head).toMatch(/^Message-ID: <bulletin-1@lycee\.test>$/m);
    expect(head).toMatch(/^Date: /m);
    expect(decodeEncodedWords(/^Subject: (.+)$/m.exec(head)![1]!)).toBe("Réunion parents-professeurs");
    expect(head).not.toMatch(/^Bcc:/im);
    expect(kept.toString("utf8")).toContain("la r=C3=A9union a lieu jeudi.");
  });

  it("is the message nodemailer builds from the same fields", async () => {
    const whole = await renderMessage({ ...fields, bcc: [], attachments: [] });
    const kept = renderQueuedMessage(fields);
    const withoutDate = (message: Buffer) => message.toString("utf8").replace(/^Date: .+\r\n/m, "");
    expect(withoutDate(kept)).toBe(withoutDate(whole));
  });

  it("separates text and HTML with a boundary of its own", () => {
    const both = { ...fields, html: "<p>la réunion a lieu jeudi.</p>" };
    const boundaryOf = (message: Buffer) => /boundary="([^"]+)"/.exec(message.toString("utf8"))?.[1];
    const first = boundaryOf(renderQueuedMessage(both));
    const second = boundaryOf(renderQueuedMessage(both));
    expect(first).toMatch(/^--_NmP-[0-9a-f]{32}-Part_1$/);
    expect(second).not.toBe(first);
  });

  it("goes out with one From: (the name it was queued with) and one Date: (the moment it is sent), first", () => {
    const kept = renderQueuedMessage(fields);
    const sent = withSenderAndDate(
      kept,
      {
        name: "Secrétariat du lycée Jean Moulin de Saint-Étienne-du-Rouvray, accueil",
        address: fields.from.address,
      },
      new Date("2026-12-07T08:30:05Z"),
    );
    const sentFields = fieldsOf(sent);
    expect(sentFields.filter((field) => /^From:/i.test(field))).toHaveLength(1);
    expect(sentFields.filter((field) => /^Date:/i.test(field))).toEqual([
      "Date: Mon, 07 Dec 2026 08:30:05 +0000",
    ]);
    expect(sentFields[0]).toMatch(/^From: =\?UTF-8\?B\?/);
    expect(
      decodeEncodedWords(
        sentFields[0]!
          .replace(/^From: /, "")
          .replace(/\r\n /g, " ")
          .replace(/ <.*$/, ""),
      ),
    ).toBe("Secrétariat du lycée Jean Moulin de Saint-Étienne-du-Rouvray, accueil");
    for (const line of headOf(sent).split("\r\n")) expect(line.length).toBeLessThanOrEqual(78);
    // Everything else as it was kept, the body included.
    const rest = (message: Buffer) => fieldsOf(message).filter((field) => !/^(From|Date):/i.test(field));
    expect(rest(sent)).toEqual(rest(kept));
    expect(sent.toString("utf8").split("\r\n\r\n")[1]).toBe(kept.toString("utf8").split("\r\n\r\n")[1]);
  });
});

describe("a header written for a message", () => {
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

  it("folds a long field at its spaces, so that 500 blind recipients stay within a line's limit", () => {
    const bcc = Array.from({ length: 500 }, (_, i) => `parent.${i}@example.org`);
    const written = withBccHeader(Buffer.from("Subject: x\r\n\r\nbody\r\n"), bcc).toString("utf8");
    const head = written.split("\r\n\r\n")[0]!;
    for (const line of head.split("\r\n")) expect(line.length).toBeLessThanOrEqual(78);
    const bccField = head.split(/\r\n(?![ \t])/)[0]!;
    expect(bccField.replace(/\r\n /g, " ")).toBe(`Bcc: ${bcc.join(", ")}`);
    expect(foldedField("Subject", "short")).toBe("Subject: short");
  });
});
