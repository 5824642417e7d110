"use client";

import { useT } from "@/components/i18n-provider";
import { canonicalScope } from "@/lib/transports/scope-names";

// Sign-in scopes that providers leave out of their answer or rename (see lib/mailboxes/missing-scopes.ts).
const signInScopes = new Set(["openid", "email", "profile", "offline_access"]);

/** What the configuration asks for against what was granted; what sending lacks is highlighted. */
export function MailboxScopes({
  required,
  granted,
  missing,
}: {
  required: string[];
  granted: string[];
  missing: string[];
}) {
  const t = useT();
  // Microsoft reports SMTP.Send and Graph's Mail.Send by their short names too.
  const have = new Set(granted.map(canonicalScope));
  const isMissing = new Set(missing);
  const asked = new Set(required.map(canonicalScope));
  const extra = granted.filter((scope) => !asked.has(canonicalScope(scope)));
  const th = "px-3 py-2 font-medium";
  const td = "px-3 py-2 align-top";
  return (
    <section
      aria-labelledby="scopes-heading"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="scopes-heading" className="text-lg font-semibold">
        {t("mailboxes.page.scopes")}
      </h2>
      <p className="text-sm text-slate-600">{t("mailboxes.page.scopesIntro")}</p>
      <table data-testid="mailbox-scopes" className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            <th scope="col" className={th}>
              {t("mailboxes.page.scopeColumn")}
            </th>
            <th scope="col" className={th}>
              {t("mailboxes.page.scopeStatus")}
            </th>
          </tr>
        </thead>
        <tbody>
          {required.map((scope) => {
            const status = isMissing.has(scope)
              ? "missing"
              : have.has(canonicalScope(scope))
                ? "granted"
                : signInScopes.has(scope.toLowerCase()) && granted.length > 0
                  ? "signIn"
                  : "notYet";
            return (
              <tr
                key={scope}
                data-testid={status === "missing" ? `scope-missing-${scope}` : `scope-${scope}`}
                data-status={status}
                className={status === "missing" ? "bg-red-50 text-red-900" : "border-b border-slate-100"}
              >
                <td className={`${td} font-mono text-xs break-all`}>{scope}</td>
                <td className={td}>
                  {status === "missing" ? (
                    <strong>{t("mailboxes.page.scopeMissing")}</strong>
                  ) : status === "granted" ? (
                    t("mailboxes.page.scopeGranted")
                  ) : status === "signIn" ? (
                    <span className="text-slate-600">{t("mailboxes.page.scopeSignIn")}</span>
                  ) : (
                    <span className="text-slate-600">{t("mailboxes.page.scopeNotYet")}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {extra.length > 0 && (
        <p className="text-xs text-slate-600">
          {t("mailboxes.page.extraGranted", { scopes: extra.join(" ") })}
        </p>
      )}
    </section>
  );
}
