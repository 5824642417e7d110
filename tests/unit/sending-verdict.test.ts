import { defaultFormatLocales } from "@/lib/i18n/dates/format-locale";
import type { Translator } from "@/lib/i18n/translate";
import { describe, expect, it } from "vitest";
import { ConnectionState } from "@/lib/db/generated/enums";
import { createTranslator } from "@/lib/i18n/translate";
import { mailboxHealth, type MailboxHealthFacts } from "@/lib/mailbox-health/mailbox-health";
import { healthMessageText } from "@/lib/mailbox-health/mailbox-health-words";
import type { CheckedMail } from "@/lib/outbox/mail-input";
import { outgoingMailRow } from "@/lib/outbox/outgoing-mail-row";
import { portalQueueAnswer, waitMessage } from "@/lib/outbox/portal-queue-answer";
import { sendingVerdict } from "@/lib/outbox/sending-verdict";

const datesOf = (t: Translator) => ({ locale: defaultFormatLocales[t.locale], timeZone: "Europe/Paris" });

const now = new Date("2027-01-10T12:00:00Z");
const facts: MailboxHealthFacts = {
  state: "connected",
  lastErrorCode: null,
  lastErrorAt: null,
  hasRefreshToken: true,
  accessTokenExpiresAt: null,
  grantEnd: null,
  pausedUntil: null,
  pauseReason: null,
  waitingMail: 0,
  transport: "smtp",
};
const mail: CheckedMail = {
  to: ["parent@example.org"],
  cc: [],
  bcc: [],
  subject: "s",
  text: "t",
  html: null,
  attachments: [],
  sendAt: null,
  sizeBytes: 10,
  recipientCount: 1,
};
const sender = { kind: "apiKey" as const, tenantId: "t", apiKeyId: "k" };

// Every state, paused or not, with each error code that changes its health line.
const cases: Partial<MailboxHealthFacts>[] = Object.values(ConnectionState).flatMap((state) =>
  [null, "transport_needs_consent", "smtp_auth_disabled", "send_as_denied", "invalid_client"].flatMap(
    (lastErrorCode) =>
      [null, new Date(now.getTime() + 3_600_000)].map((pausedUntil) => ({
        state,
        lastErrorCode,
        pausedUntil,
      })),
  ),
);

describe("sendingVerdict", () => {
  it("agrees with the queue for every state: held exactly when the health line says nothing leaves, refused when revoked", () => {
    for (const c of cases) {
      const health = mailboxHealth({ ...facts, ...c }, now);
      const verdict = sendingVerdict(health.code);
      const row = outgoingMailRow(
        sender,
        {
          id: "m",
          address: "a@school.test",
          displayName: "",
          state: c.state!,
          pausedUntil: c.pausedUntil ?? null,
        },
        mail,
        null,
        now,
      );
      const label = JSON.stringify({ ...c, code: health.code });
      if (c.state === "revoked") {
        expect(verdict, label).toEqual({ kind: "refuse" });
        continue;
      }
      expect(verdict.kind === "hold" ? "held" : "queued", label).toBe(row.status);
      expect(verdict.kind === "hold", label).toBe(health.stopped);
    }
  });

  it("names what a held mail waits for, never that a never-connected mailbox can send 'again'", () => {
    const en = createTranslator("en");
    const fr = createTranslator("fr");
    const pending = {
      address: "cdi@school.test",
      pausedUntil: null,
      verdict: sendingVerdict("not_connected"),
    };
    expect(portalQueueAnswer("held", pending, "compose")).toEqual({
      tone: "warning",
      message: { key: "outbox.sendability.held.not_connected", vars: { address: "cdi@school.test" } },
    });
    expect(healthMessageText(en, datesOf(en), portalQueueAnswer("held", pending, "compose").message)).toBe(
      "The mail is queued but held: it waits until cdi@school.test is connected, then leaves by itself.",
    );
    expect(healthMessageText(fr, datesOf(fr), waitMessage("before", pending))).toBe(
      "Un message mis en file maintenant attend que cdi@school.test soit connectée, puis part de lui-même.",
    );
    const reconnect = { ...pending, verdict: sendingVerdict("needs_reconnect") };
    expect(healthMessageText(en, datesOf(en), waitMessage("before", reconnect))).toBe(
      "A mail queued now waits until cdi@school.test is reconnected, then leaves by itself.",
    );
    expect(portalQueueAnswer("queued", reconnect, "test")).toEqual({
      tone: "success",
      message: { key: "outbox.testMail.queued", vars: {} },
    });
  });
});
