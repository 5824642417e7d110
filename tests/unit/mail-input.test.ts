import { describe, expect, it } from "vitest";
import { normalizeRecipient, splitAddressList } from "@/lib/outbox/mail-address";
import { checkMailDraft, type MailDraft } from "@/lib/outbox/mail-input";
import { classifySmtpAnswer, retryDelayMs } from "@/lib/worker/classify-smtp-answer";

const draft = (overrides: Partial<MailDraft> = {}): MailDraft => ({
  to: ["parent@example.org"],
  cc: [],
  bcc: [],
  subject: "Sortie scolaire",
  text: "Bonjour",
  html: null,
  attachments: [],
  ...overrides,
});

const errorsOf = (input: MailDraft, family: "google" | "microsoft" = "google") => {
  const result = checkMailDraft(input, { family, maxMessageBytes: 10_000, maxAttachmentBytes: 4_000 });
  return result.ok ? {} : result.fieldErrors;
};

describe("recipient addresses", () => {
  it("accepts plain addr-specs and lower-cases only the domain", () => {
    expect(normalizeRecipient(" Jean.Dupont+classe@Lycee.Example.FR ")).toBe(
      "Jean.Dupont+classe@lycee.example.fr",
    );
    expect(normalizeRecipient("o'brien@example.org")).toBe("o'brien@example.org");
  });

  it.each([
    '"Directeur" <dir@example.org>',
    "dir@example.org <evil@example.org>",
    "a@b@example.org",
    '"quoted"@example.org',
    "user@[192.0.2.1]",
    "user@localhost",
    "a..b@example.org",
    ".a@example.org",
    "a@-example.org",
    "a@example.org,b@example.org",
    `${"x".repeat(65)}@example.org`,
  ])("refuses %s", (address) => {
    expect(normalizeRecipient(address)).toBeNull();
  });

  it("splits typed lists on commas, semicolons and lines", () => {
    expect(splitAddressList("a@x.fr, b@y.fr;c@z.fr\r\n d@w.fr ,,")).toEqual([
      "a@x.fr",
      "b@y.fr",
      "c@z.fr",
      "d@w.fr",
    ]);
  });
});

describe("checkMailDraft", () => {
  it("passes a valid draft and counts distinct recipients and the size", () => {
    const result = checkMailDraft(draft({ cc: ["PARENT@example.org", "prof@example.org"] }), {
      family: "google",
    });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.mail.recipientCount).toBe(2);
      expect(result.mail.sizeBytes).toBeGreaterThan(0);
    }
  });

  it("refuses CR or LF in the subject, every address field and attachment names", () => {
    expect(errorsOf(draft({ subject: "Hi\nBcc: x@example.org" })).subject).toBe(
      "outbox.errors.headerInjection",
    );
    expect(errorsOf(draft({ subject: "Hi\rthere" })).subject).toBe("outbox.errors.headerInjection");
    for (const field of ["to", "cc", "bcc"] as const) {
      expect(errorsOf(draft({ [field]: ["a@example.org\r\nX-Evil: 1"] }))[field]).toBe(
        "outbox.errors.headerInjection",
      );
    }
    const attachment = {
      filename: "a.pdf\r\nX: y",
      contentType: "application/pdf",
      content: Buffer.from("x"),
    };
    expect(errorsOf(draft({ attachments: [attachment] })).attachments).toBe("outbox.errors.headerInjection");
    const badType = { filename: "a.pdf", contentType: "application/pdf\nX: y", content: Buffer.from("x") };
    expect(errorsOf(draft({ attachments: [badType] })).attachments).toBe("outbox.errors.headerInjection");
  });

  it("caps recipients per message by provider, counting to, cc and bcc together", () => {
    const many = (n: number, prefix = "p") =>
      Array.from({ length: n }, (_, i) => `${prefix}${i}@example.org`);
    expect(errorsOf(draft({ to: many(100) })).to).toBeUndefined();
    expect(errorsOf(draft({ to: many(50), bcc: many(51, "b") })).to).toBe("outbox.errors.tooManyRecipients");
    expect(errorsOf(draft({ to: many(500) }), "microsoft").to).toBeUndefined();
    expect(errorsOf(draft({ to: many(501) }), "microsoft").to).toBe("outbox.errors.tooManyRecipients");
  });

  it("needs a recipient, a body, a subject of at most 998 characters and a sending time within a year", () => {
    expect(errorsOf(draft({ to: [] })).to).toBe("outbox.errors.noRecipient");
    expect(errorsOf(draft({ text: "", html: "" })).body).toBe("outbox.errors.noBody");
    expect(errorsOf(draft({ text: null, html: "<p>ok</p>" })).body).toBeUndefined();
    expect(errorsOf(draft({ subject: "é".repeat(998) })).subject).toBeUndefined();
    expect(errorsOf(draft({ subject: "x".repeat(999) })).subject).toBe("outbox.errors.subjectTooLong");
    expect(errorsOf(draft({ sendAt: new Date("invalid") })).sendAt).toBe("outbox.errors.sendAtInvalid");
    expect(errorsOf(draft({ sendAt: new Date(Date.now() + 400 * 86_400_000) })).sendAt).toBe(
      "outbox.errors.sendAtInvalid",
    );
  });

  it("limits each attachment and the whole message", () => {
    const file = (bytes: number, filename = "f.bin") => ({
      filename,
      contentType: "application/octet-stream",
      content: Buffer.alloc(bytes),
    });
    expect(errorsOf(draft({ attachments: [file(4_001)] })).attachments).toBe(
      "outbox.errors.attachmentTooLarge",
    );
    expect(errorsOf(draft({ attachments: [file(4_000), file(4_000), file(3_000)] })).attachments).toBe(
      "outbox.errors.messageTooLarge",
    );
    expect(errorsOf(draft({ attachments: [file(10, "../etc/passwd")] })).attachments).toBe(
      "outbox.errors.attachmentName",
    );
  });
});

describe("classifySmtpAnswer", () => {
  const smtp = (responseCode: number, response: string, code = "EENVELOPE") => ({
    responseCode,
    response,
    code,
  });

  it("sorts the providers' answers", () => {
    expect(classifySmtpAnswer(smtp(451, "451 4.3.0 Temporary failure")).kind).toBe("temporary");
    expect(classifySmtpAnswer(smtp(550, "550 5.1.1 No such user")).kind).toBe("permanent");
    expect(classifySmtpAnswer(smtp(535, "535 5.7.3 Authentication unsuccessful", "EAUTH")).kind).toBe("auth");
    expect(
      classifySmtpAnswer(
        smtp(535, "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled", "EAUTH"),
      ).kind,
    ).toBe("auth_disabled");
    expect(classifySmtpAnswer(smtp(550, "550 5.4.5 Daily user sending limit exceeded")).kind).toBe("quota");
    expect(
      classifySmtpAnswer(
        smtp(554, "554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException"),
      ).kind,
    ).toBe("quota");
    expect(classifySmtpAnswer({ code: "ECONNECTION" }).kind).toBe("temporary");
  });

  it("backs off exponentially with jitter, capped at an hour", () => {
    expect(retryDelayMs(1, () => 0.5)).toBe(30_000);
    expect(retryDelayMs(3, () => 0.5)).toBe(120_000);
    expect(retryDelayMs(20, () => 1)).toBe(Math.round(3_600_000 * 1.2));
    expect(retryDelayMs(2, () => 0)).toBe(48_000);
  });
});
