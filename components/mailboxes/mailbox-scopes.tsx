"use client";

import { useT } from "@/components/i18n-provider";
import type { ConnectionState } from "@/lib/mailboxes/connection-state";
import { isSignInScope, scopeLabelKey } from "@/lib/oauth/scope-label";
import { canonicalScope } from "@/lib/oauth/scope-names";

type ScopeStatus = "granted" | "missing" | "lapsed" | "notReported" | "notYet";

// States in which a grant no longer exists: what it granted is not in force any more.
const grantEnded: ReadonlySet<ConnectionState> = new Set(["revoked", "needs_reconnect"]);

/**
 * What the configuration asks for against what was granted, each permission
 * by its name with its URI beside it; what sending lacks is highlighted, and
 * after a revocation or a dead grant nothing reads "granted".
 */
export function MailboxScopes({
  required,
  granted,
  missing,
  state,
  hasRefreshToken,
}: {
  required: string[];
  granted: string[];
  missing: string[];
  state: ConnectionState;
  hasRefreshToken: boolean;
}) {
  const t = useT();
  // Microsoft reports SMTP.Send and Graph's Mail.Send by their short names too.
  const have = new Set(granted.map(canonicalScope));
  const isMissing = new Set(missing);
  const asked = new Set(required.map(canonicalScope));
  const extra = granted.filter((scope) => !asked.has(canonicalScope(scope)));
  const ended = grantEnded.has(state);
  const name = (scope: string) => {
    const key = scopeLabelKey(scope);
    return key ? t(key) : scope;
  };
  const statusOf = (scope: string): ScopeStatus => {
    if (isMissing.has(scope)) return "missing";
    const reported = have.has(canonicalScope(scope));
    // A held refresh token is what offline_access yields, reported or not.
    const implied = canonicalScope(scope) === "offline_access" && hasRefreshToken;
    if (reported || implied) return ended ? "lapsed" : "granted";
    if (isSignInScope(scope) && granted.length > 0) return ended ? "lapsed" : "notReported";
    return "notYet";
  };
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
      {ended && granted.length > 0 && (
        <p className="text-sm text-slate-700" data-testid="mailbox-scopes-ended">
          {t(state === "revoked" ? "mailboxes.page.scopesRevoked" : "mailboxes.page.scopesBroken")}
        </p>
      )}
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
            const status = statusOf(scope);
            return (
              <tr
                key={scope}
                data-testid={status === "missing" ? `scope-missing-${scope}` : `scope-${scope}`}
                data-status={status}
                className={status === "missing" ? "bg-red-50 text-red-900" : "border-b border-slate-100"}
              >
                <td className={td}>
                  <span className="block">{name(scope)}</span>
                  <code className="block text-xs break-all text-slate-500">{scope}</code>
                </td>
                <td className={td}>
                  {status === "missing" ? (
                    <strong>{t("mailboxes.page.scopeMissing")}</strong>
                  ) : status === "granted" ? (
                    t("mailboxes.page.scopeGranted")
                  ) : (
                    <span className="text-slate-600">
                      {t(
                        status === "lapsed"
                          ? "mailboxes.page.scopeLapsed"
                          : status === "notReported"
                            ? "mailboxes.page.scopeNotReported"
                            : "mailboxes.page.scopeNotYet",
                      )}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {extra.length > 0 && (
        <p className="text-xs text-slate-600">
          {t(ended ? "mailboxes.page.extraLapsed" : "mailboxes.page.extraGranted", {
            scopes: extra.map(name).join(" · "),
          })}
        </p>
      )}
    </section>
  );
}
