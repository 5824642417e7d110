"use client";

import Link from "next/link";
import { useT } from "@/components/i18n-provider";
import { MailboxHealthLine } from "@/components/mailboxes/mailbox-health-line";
import { SendConnectLinkButton } from "@/components/mailboxes/send-connect-link-button";
import type { SenderWords } from "./sender-options";

const primary = "inline-block rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700";
const secondary = "inline-block text-sm text-brand-700 underline";

/**
 * The chosen sender's health line (the one the mailbox list shows), and when
 * it cannot send, what a mail queued now would do, with the fixes this
 * reader may use. `warningId` lets the submit button point at the warning.
 */
export function SenderHealth({
  tenant,
  sender,
  id,
  warningId,
  testId,
}: {
  tenant: string;
  sender: SenderWords;
  id?: string;
  warningId: string;
  testId: string;
}) {
  const t = useT();
  const full = sender.health.tone !== "good" || sender.verdict !== "send";
  return (
    <div id={id} data-testid={testId} data-verdict={sender.verdict} className="mt-2">
      <MailboxHealthLine
        words={sender.health}
        full={full}
        supportLabel={t("mailboxes.health.support")}
        testId={`${testId}-line`}
        note={
          sender.warning && (
            <p
              id={warningId}
              data-testid={`${testId}-warning`}
              className="text-sm font-medium text-slate-900"
            >
              {sender.warning}
            </p>
          )
        }
      >
        {full &&
          sender.fixes.map((fix) =>
            fix.kind === "connect" ? (
              // A plain link: the authorization route redirects to the provider.
              <a
                key={`${sender.id}-${fix.kind}`}
                href={fix.href}
                className={primary}
                data-testid={`${testId}-connect`}
              >
                {fix.label}
              </a>
            ) : fix.kind === "send_link" ? (
              <SendConnectLinkButton
                key={`${sender.id}-${fix.kind}`}
                tenant={tenant}
                mailboxId={sender.id}
                label={fix.label}
              />
            ) : (
              <Link
                key={`${sender.id}-${fix.kind}`}
                href={fix.href}
                className={secondary}
                data-testid={`${testId}-mailbox`}
              >
                {fix.label}
              </Link>
            ),
          )}
      </MailboxHealthLine>
    </div>
  );
}
