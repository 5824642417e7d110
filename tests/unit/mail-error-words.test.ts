import { describe, expect, it } from "vitest";
import { formatBytes } from "@/lib/i18n/formats";
import { createTranslator } from "@/lib/i18n/translate";
import { attemptOutcomeLabel } from "@/lib/outbox/attempt-outcome-label";
import { explainMailError } from "@/lib/outbox/explain-mail-error";

const en = createTranslator("en");
const fr = createTranslator("fr");

describe("a mail's last error in words", () => {
  it("says why a mail is held, with the provider's cause and the fix, and keeps the code", () => {
    const held = explainMailError("mailbox_needs_reconnect: AADSTS700082", "held")!;
    expect(held).toEqual({
      reason: "outbox.reasons.mailboxNeedsReconnect",
      cause: "connections.causes.idleExpired",
      fix: "reconnect",
      raw: "mailbox_needs_reconnect: AADSTS700082",
    });
    expect(en(held.reason)).toBe("Held: its mailbox must be reconnected by its owner.");
    expect(explainMailError("mailbox_pending", "held")).toMatchObject({
      reason: "outbox.reasons.mailboxPending",
      cause: null,
      fix: "reconnect",
    });
    expect(
      explainMailError("smtp_auth_disabled: 535 5.7.139 Authentication unsuccessful", "held"),
    ).toMatchObject({
      reason: "outbox.reasons.smtpAuthDisabled",
      fix: "open_mailbox",
    });
  });

  it("tells failures from temporary errors, and says nothing when there is no error", () => {
    expect(explainMailError("attempts exhausted: 421 try later", "failed")?.reason).toBe(
      "outbox.reasons.attemptsExhausted",
    );
    expect(explainMailError("550 5.1.1 no such user", "failed")).toMatchObject({
      reason: "outbox.reasons.rejected",
      raw: "550 5.1.1 no such user",
    });
    expect(explainMailError("421 4.7.0 try later", "queued")?.reason).toBe("outbox.reasons.temporary");
    expect(explainMailError(null, "sent")).toBeNull();
  });
});

describe("attempt outcomes and sizes in the reader's words", () => {
  it("names each outcome", () => {
    expect(attemptOutcomeLabel(en, "sent")).toBe("Sent");
    expect(attemptOutcomeLabel(fr, "sent")).toBe("Envoyé");
    expect(attemptOutcomeLabel(fr, null)).toBe("En cours");
    expect(attemptOutcomeLabel(en, "something_new")).toBe("something_new");
  });

  it("writes bytes as octets in French", () => {
    expect(formatBytes(en, 11)).toBe("11\u00a0B");
    expect(formatBytes(fr, 11)).toBe("11\u00a0o");
    expect(formatBytes(fr, 1536)).toBe("1,5\u00a0Ko");
    expect(formatBytes(en, 5 * 1024 * 1024)).toBe("5\u00a0MB");
  });
});
