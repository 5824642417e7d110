import Link from "next/link";
import { linkAuthorizeUrl, linkDeviceUrl } from "@/components/mailboxes/connect-link-urls";
import { inspectConnectLink } from "@/lib/connect-links/inspect-connect-link";
import { recordConnectLinkOpened } from "@/lib/connect-links/record-connect-link-opened";
import { getTranslator } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

/**
 * The page a connect link opens. Opening it does not use the link up (mail
 * scanners open links): the authorization does, when it succeeds.
 */
export default async function ConnectPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [t, view] = await Promise.all([getTranslator(), inspectConnectLink(token)]);

  if (view.state !== "valid") {
    return (
      <div className="space-y-3" data-testid="connect-link-state" data-state={view.state}>
        <h1 className="text-xl font-semibold">{t(`mailboxes.connectPage.states.${view.state}.title`)}</h1>
        <p className="text-slate-700">
          {view.state === "unknown"
            ? t("mailboxes.connectPage.states.unknown.body")
            : t(`mailboxes.connectPage.states.${view.state}.body`, { tenant: view.tenantName })}
        </p>
      </div>
    );
  }

  const { link } = view;
  // For reconnect campaigns' reports: who opened their link (written once).
  await recordConnectLinkOpened(link);
  const provider = t(`mailboxes.connectPage.providers.${link.provider}`);
  return (
    <div className="space-y-5" data-testid="connect-link-state" data-state="valid">
      <header className="space-y-2">
        <p className="text-sm font-medium text-slate-600" data-testid="connect-tenant">
          {link.tenantName}
        </p>
        <h1 className="text-xl font-semibold break-all" data-testid="connect-address">
          {t("mailboxes.connectPage.title", { address: link.mailboxAddress })}
        </h1>
        <p className="text-slate-700">{t("mailboxes.connectPage.intro", { tenant: link.tenantName })}</p>
      </header>
      <section aria-labelledby="what-happens" className="space-y-2">
        <h2 id="what-happens" className="font-semibold">
          {t("mailboxes.connectPage.whatHappens")}
        </h2>
        <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
          <li data-testid="connect-sign-in-step">
            {view.delegateAccount
              ? t("mailboxes.connectPage.steps.signInDelegate", {
                  address: link.mailboxAddress,
                  delegate: view.delegateAccount,
                  provider,
                })
              : t("mailboxes.connectPage.steps.signIn", { address: link.mailboxAddress, provider })}
          </li>
          <li>{t("mailboxes.connectPage.steps.consent")}</li>
          <li>{t("mailboxes.connectPage.steps.done")}</li>
        </ol>
      </section>
      <div className="space-y-3">
        {/* A plain link: the authorization route redirects to the provider. */}
        <a
          href={linkAuthorizeUrl(token)}
          data-testid="connect-start"
          className="block rounded bg-brand-600 px-4 py-2 text-center font-medium text-white hover:bg-brand-700"
        >
          {t("mailboxes.connectPage.connect")}
        </a>
        {view.deviceFlow && (
          <p className="text-center text-sm">
            <Link
              href={linkDeviceUrl(token)}
              data-testid="connect-device"
              className="text-brand-700 underline"
            >
              {t("mailboxes.connectPage.device")}
            </Link>
            <span className="mt-1 block text-xs text-slate-500">{t("mailboxes.connectPage.deviceHint")}</span>
          </p>
        )}
      </div>
    </div>
  );
}
