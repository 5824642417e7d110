import Link from "next/link";
import { ClientForm } from "@/components/clients/client-form";
import { PresetChoice } from "@/components/clients/preset-choice";
import { RedirectUriField } from "@/components/clients/redirect-uri-field";
import { RegistrationHelp } from "@/components/clients/registration-help";
import { requirePageTenant } from "@/lib/auth/page-tenant-context";
import { presetFormValues, type PresetChoice as Choice } from "@/lib/clients/client-form-values";
import { getTranslator } from "@/lib/i18n/server";
import { isMicrosoftDirectory } from "@/lib/oauth/presets";
import { oauthRedirectUri } from "@/lib/oauth/redirect-uri";
import { platformApplicationSummary } from "@/lib/platform/platform-application";
import { withMessages } from "@/components/i18n/with-messages";

type Search = { preset?: string | string[]; directory?: string | string[] };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

async function NewClientPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Search>;
}) {
  const { tenant } = await params;
  const search = await searchParams;
  const ctx = await requirePageTenant(tenant, "clients.write", `/t/${tenant}/clients/new`);
  const t = await getTranslator();
  const platform = platformApplicationSummary();
  const basePath = `/t/${ctx.tenantSlug}/clients/new`;
  const preset = first(search.preset);
  const directory = first(search.directory).trim();

  let choice: Choice | null = null;
  let name = "";
  if (preset === "google") [choice, name] = [{ preset }, t("clients.new.google.defaultName")];
  if (preset === "microsoft" && isMicrosoftDirectory(directory))
    [choice, name] = [{ preset, directory }, t("clients.new.microsoft.defaultName")];
  if (preset === "platform" && platform.offered)
    [choice, name] = [{ preset }, t("clients.new.platform.defaultName")];
  if (preset === "custom") [choice, name] = [{ preset }, t("clients.new.custom.defaultName")];
  const initial = choice && presetFormValues(choice, name);
  const redirectUri = oauthRedirectUri();

  return (
    <div className="space-y-6">
      <header>
        <Link href={`/t/${ctx.tenantSlug}/clients`} className="text-sm text-brand-700 hover:underline">
          {t("clients.page.back")}
        </Link>
        <h1 className="mt-2 text-2xl font-semibold">{t("clients.new.title")}</h1>
      </header>
      {initial ? (
        <>
          <p>
            <Link href={basePath} className="text-sm text-brand-700 hover:underline">
              {t("clients.new.change")}
            </Link>
          </p>
          {initial.provider !== "platform_microsoft" && <RedirectUriField redirectUri={redirectUri} />}
          <ClientForm tenant={ctx.tenantSlug} initial={initial} platform={platform} />
          {initial.provider !== "platform_microsoft" && (
            <RegistrationHelp
              redirectUri={redirectUri}
              open={
                initial.provider === "google"
                  ? "google"
                  : initial.provider === "microsoft"
                    ? "microsoft"
                    : undefined
              }
            />
          )}
        </>
      ) : (
        <PresetChoice
          t={t}
          basePath={basePath}
          platformOffered={platform.offered}
          directory={preset === "microsoft" ? directory : "organizations"}
          directoryError={preset === "microsoft" ? t("clients.validation.directoryInvalid") : undefined}
        />
      )}
    </div>
  );
}

export default withMessages(["clients"], NewClientPage);
