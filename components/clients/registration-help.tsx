import type { MessageKey } from "@/lib/i18n/catalog";
import { getTranslator } from "@/lib/i18n/server";

type Step = { key: MessageKey; warning?: boolean };

const googleSteps: Step[] = [
  { key: "clients.help.google.step1" },
  { key: "clients.help.google.step2" },
  { key: "clients.help.google.step3" },
  { key: "clients.help.google.step3Warning", warning: true },
  { key: "clients.help.google.step4" },
  { key: "clients.help.google.step4Api" },
  { key: "clients.help.google.step5" },
  { key: "clients.help.google.step6" },
  { key: "clients.help.google.step7" },
];

const microsoftSteps: Step[] = [
  { key: "clients.help.microsoft.step1" },
  { key: "clients.help.microsoft.step2" },
  { key: "clients.help.microsoft.step3" },
  { key: "clients.help.microsoft.step4" },
  { key: "clients.help.microsoft.step4Graph" },
  { key: "clients.help.microsoft.step5" },
  { key: "clients.help.microsoft.step6" },
  { key: "clients.help.microsoft.step6Alternative", warning: true },
  { key: "clients.help.microsoft.step7" },
  { key: "clients.help.microsoft.note", warning: true },
];

/**
 * Step-by-step registration at Google and at Microsoft, with this portal's
 * redirect URI written into the step where it is pasted.
 */
export async function RegistrationHelp({
  redirectUri,
  open,
}: {
  redirectUri: string;
  /** The section shown unfolded (the provider being configured). */
  open?: "google" | "microsoft";
}) {
  const t = await getTranslator();
  const section = (provider: "google" | "microsoft", steps: Step[]) => (
    <details open={open === provider} className="rounded border border-slate-200 bg-white p-3">
      <summary className="cursor-pointer font-medium">{t(`clients.help.${provider}.summary`)}</summary>
      <ol className="mt-2 list-decimal space-y-2 pl-5 text-sm">
        {steps.map(({ key, warning }) =>
          warning ? (
            // display:block keeps a remark out of the step numbering.
            <li key={key} className="-ml-5 block rounded bg-amber-50 px-3 py-2 text-amber-900">
              {t(key, { redirectUri })}
            </li>
          ) : (
            <li key={key} className="break-words">
              {t(key, { redirectUri })}
            </li>
          ),
        )}
      </ol>
    </details>
  );
  return (
    <section aria-labelledby="registration-help-title" className="space-y-2">
      <h2 id="registration-help-title" className="text-lg font-semibold">
        {t("clients.help.title")}
      </h2>
      {section("google", googleSteps)}
      {section("microsoft", microsoftSteps)}
    </section>
  );
}
