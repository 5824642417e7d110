import Link from "next/link";
import { notFound } from "next/navigation";
import { devToolsEnabled } from "@/lib/config/dev-tools";
import { formatPreciseMoment } from "@/lib/i18n/dates/formats";
import { getDateConventions, getTranslator } from "@/lib/i18n/server";
import { capturedMailShown, listCapturedMail } from "@/lib/mail/list-captured-mail";
import { platformMailIsCaptured } from "@/lib/mail/send-platform-mail";
import { splitLinks } from "@/lib/mail/split-links";

// Read at request time: the environment decides whether this page exists.
export const dynamic = "force-dynamic";

/**
 * Where a development or demo run's invitations and sign-in links can be
 * read without a mail server. No session needed (one reads one's sign-in
 * link here before signing in), hence never on without dev tools.
 */
export default async function CapturedMailPage({
  searchParams,
}: {
  searchParams: Promise<{ to?: string | string[] }>;
}) {
  if (!devToolsEnabled()) notFound();
  const { to: rawTo } = await searchParams;
  const to = (Array.isArray(rawTo) ? rawTo[0] : rawTo)?.slice(0, 200);
  const [t, dates, mails] = await Promise.all([
    getTranslator(),
    getDateConventions(),
    listCapturedMail({ to }),
  ]);
  return (
    <main className="mx-auto max-w-4xl space-y-4 px-4 py-8">
      <h1 className="text-2xl font-semibold">{t("devMail.title")}</h1>
      <p className="text-slate-600">{t("devMail.intro")}</p>
      {!platformMailIsCaptured() && (
        <p role="status" className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("devMail.smtpConfigured")}
        </p>
      )}
      <form method="get" action="/dev/mail" className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          {t("devMail.filterTo")}
          <input
            name="to"
            type="search"
            defaultValue={to ?? ""}
            className="mt-1 block rounded border border-slate-300 bg-white px-2 py-1"
            data-testid="mail-filter-to"
          />
        </label>
        <button type="submit" className="rounded bg-brand-600 px-4 py-1 text-sm font-medium text-white">
          {t("devMail.filter")}
        </button>
        {to && (
          <Link href="/dev/mail" className="text-sm text-brand-700 underline">
            {t("devMail.showAll")}
          </Link>
        )}
      </form>
      {mails.length === 0 ? (
        <p className="text-slate-600" data-testid="mail-empty">
          {t("devMail.empty")}
        </p>
      ) : (
        <>
          {mails.length === capturedMailShown && (
            <p className="text-sm text-slate-500">{t("devMail.shown", { count: capturedMailShown })}</p>
          )}
          <ol className="space-y-4">
            {mails.map((mail) => (
              <li
                key={mail.id}
                className="rounded border border-slate-200 bg-white p-4"
                data-testid="captured-mail"
                data-mail-id={mail.id}
              >
                <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm">
                  <dt className="text-slate-500">{t("devMail.to")}</dt>
                  <dd data-testid="mail-to">{mail.to}</dd>
                  <dt className="text-slate-500">{t("devMail.subject")}</dt>
                  <dd className="font-medium" data-testid="mail-subject">
                    {mail.subject}
                  </dd>
                  <dt className="text-slate-500">{t("devMail.when", { zone: dates.timeZone })}</dt>
                  <dd>
                    <time dateTime={mail.createdAt.toISOString()}>
                      {formatPreciseMoment(dates, mail.createdAt)}
                    </time>
                  </dd>
                </dl>
                {mail.text === null ? (
                  <p className="mt-3 text-sm text-amber-900" data-testid="mail-unreadable">
                    {t("devMail.unreadable")}
                  </p>
                ) : (
                  <pre
                    className="mt-3 font-sans text-sm break-words whitespace-pre-wrap"
                    data-testid="mail-body"
                  >
                    {splitLinks(mail.text).map((part, index) =>
                      part.kind === "link" ? (
                        <a
                          key={index}
                          href={part.value}
                          className="text-brand-700 underline"
                          data-testid="mail-link"
                        >
                          {part.value}
                        </a>
                      ) : (
                        <span key={index}>{part.value}</span>
                      ),
                    )}
                  </pre>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </main>
  );
}
