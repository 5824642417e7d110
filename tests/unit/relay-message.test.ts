import { describe, expect, it } from "vitest";
import { ipAllowed, parseNetwork } from "@/lib/relay-credentials/networks";
import { decodeHeaderValue } from "@/lib/relay/decode-words";
import { prepareMessage, type PreparedMessage, type PrepareRefusal } from "@/lib/relay/prepare-message";
import { relayRecipient } from "@/lib/relay/relay-recipient";

const mailbox = { address: "secretariat@lycee.test", displayName: "Secrétariat" };
const now = new Date("2026-12-06T10:00:00Z");

function prepared(result: PreparedMessage | PrepareRefusal): PreparedMessage {
  if ("refused" in result) throw new Error(`refused: ${result.refused}`);
  return result;
}

describe("a relayed message before it is queued", () => {
  it("keeps a valid Message-ID and the device's bytes, drops Bcc and splits recipients into To, Cc and the rest", () => {
    const message = Buffer.from(
      "From: Secrétariat <secretariat@lycee.test>\r\nTo: a@example.org\r\nCc: b@example.org\r\nBcc: c@example.org\r\n" +
        "Subject: =?UTF-8?Q?R=C3=A9union?= =?UTF-8?Q?_jeudi?=\r\nMessage-ID: <abc@copier>\r\n\r\nCorps é\r\n",
      "utf8",
    );
    const result = prepared(
      prepareMessage({
        message,
        mailbox,
        fromPolicy: "as_sent",
        recipients: ["a@example.org", "b@example.org", "c@example.org"],
        now,
      }),
    );
    expect(result.messageId).toBe("<abc@copier>");
    expect(result.messageIdFromDevice).toBe(true);
    expect(result.subject).toBe("Réunion jeudi");
    expect([result.to, result.cc, result.bcc]).toEqual([
      ["a@example.org"],
      ["b@example.org"],
      ["c@example.org"],
    ]);
    const raw = result.raw.toString("utf8");
    expect(raw).not.toMatch(/^Bcc:/im);
    expect(raw).toContain("From: Secrétariat <secretariat@lycee.test>\r\n");
    expect(raw).toContain("Date: Sun, 06 Dec 2026 10:00:00 +0000\r\n");
    expect(raw.endsWith("\r\n\r\nCorps é\r\n")).toBe(true);
  });

  it("refuses a From: that is not the sending mailbox, and two From: addresses", () => {
    const other = prepareMessage({
      message: Buffer.from("From: principal@lycee.test\r\n\r\nx"),
      mailbox,
      fromPolicy: "as_sent",
      recipients: ["a@example.org"],
    });
    expect(other).toEqual({ refused: "from_header_not_allowed", detail: "principal@lycee.test" });
    const two = prepareMessage({
      message: Buffer.from("From: secretariat@lycee.test, principal@lycee.test\r\n\r\nx"),
      mailbox,
      fromPolicy: "as_sent",
      recipients: ["a@example.org"],
    });
    expect(two).toMatchObject({ refused: "from_header_not_allowed" });
  });

  it("adds From:, Date and a Message-ID to a message with no header at all", () => {
    const result = prepared(
      prepareMessage({
        message: Buffer.from("just a body\n"),
        mailbox,
        fromPolicy: "as_sent",
        recipients: ["a@example.org"],
        now,
      }),
    );
    const raw = result.raw.toString("utf8");
    expect(raw).toMatch(/^From: "Secrétariat"|^From: =\?UTF-8\?B\?/);
    expect(raw).toContain(`Message-ID: ${result.messageId}\r\n`);
    expect(raw.endsWith("\r\n\r\njust a body\r\n")).toBe(true);
    expect(result.bcc).toEqual(["a@example.org"]);
  });

  it("replaces an invalid Message-ID and writes a fixed sender with the device's name", () => {
    const result = prepared(
      prepareMessage({
        message: Buffer.from('From: "Copieur 2e" <scan@copier.local>\r\nMessage-ID: not-an-id\r\n\r\nx'),
        mailbox,
        fromPolicy: "fixed_keep_name",
        recipients: ["a@example.org"],
      }),
    );
    expect(result.messageId).toMatch(/^<[0-9a-f-]{36}@lycee\.test>$/);
    expect(result.raw.toString()).toContain('From: "Copieur 2e" <secretariat@lycee.test>\r\n');
    expect(result.raw.toString()).not.toContain("Reply-To");
    expect(result.raw.toString()).not.toContain("not-an-id");
  });
});

describe("relay helpers", () => {
  it("decodes encoded words and raw UTF-8 for display", () => {
    expect(decodeHeaderValue("=?ISO-8859-1?Q?caf=E9?= ok")).toBe("café ok");
    expect(decodeHeaderValue("=?utf-8?B?w6l0w6k=?=")).toBe("été");
    expect(decodeHeaderValue(Buffer.from("Élève", "utf8").toString("latin1"))).toBe("Élève");
  });

  it("accepts plain and internationalised recipients and refuses the rest", () => {
    expect(relayRecipient("Parent@Example.ORG")).toBe("Parent@example.org");
    expect(relayRecipient("élève@école.fr")).toBe("élève@école.fr");
    for (const bad of ["no-at", "a@b", "a b@example.org", "a@example.org>", ""])
      expect(relayRecipient(bad)).toBeNull();
  });

  it("reads networks and matches addresses, IPv4 on a dual-stack socket included", () => {
    expect(parseNetwork("192.168.10.0/24")).toEqual({ address: "192.168.10.0", prefix: 24, family: "ipv4" });
    expect(parseNetwork("10.0.0.1")).toMatchObject({ prefix: 32 });
    for (const bad of ["192.168.10.0/33", "lycee.test", "10.0.0.0/8/1", "10.0.0.0/x"])
      expect(parseNetwork(bad)).toBeNull();
    expect(ipAllowed("::ffff:192.168.10.7", ["192.168.10.0/24"])).toBe(true);
    expect(ipAllowed("192.168.11.7", ["192.168.10.0/24"])).toBe(false);
    expect(ipAllowed("2001:db8::5", ["2001:db8::/32"])).toBe(true);
    expect(ipAllowed("203.0.113.9", [])).toBe(true);
  });
});

describe("a relayed From: that tries to hide its address", () => {
  it("is checked on the bytes that are sent, not on their decoded text", () => {
    const hidden = prepareMessage({
      message: Buffer.from(
        "From: =?us-ascii?Q?secretariat=40lycee.test_=28?= <ceo@other.org> =?us-ascii?Q?=29?=\r\n\r\nx",
      ),
      mailbox,
      fromPolicy: "as_sent",
      recipients: ["a@example.org"],
    });
    expect(hidden).toMatchObject({ refused: "from_header_not_allowed" });
    const garbage = prepareMessage({
      message: Buffer.from("From: not an address at all\r\n\r\nx"),
      mailbox,
      fromPolicy: "as_sent",
      recipients: ["a@example.org"],
    });
    expect(garbage).toMatchObject({ refused: "from_header_not_allowed" });
  });

  it("keeps an encoded display name, drops Sender:, and takes control characters out of what the portal shows", () => {
    const result = prepared(
      prepareMessage({
        message: Buffer.from(
          "From: =?utf-8?Q?Secr=C3=A9tariat?= <secretariat@lycee.test>\r\nSender: ceo@other.org\r\nSubject: =?utf-8?Q?Scan=00_du_jour?=\r\n\r\nx",
        ),
        mailbox,
        fromPolicy: "as_sent",
        recipients: ["a@example.org"],
      }),
    );
    expect(result.fromName).toBe("Secrétariat");
    expect(result.subject).toBe("Scan  du jour");
    expect(result.raw.toString()).not.toMatch(/^Sender:/im);
  });
});
