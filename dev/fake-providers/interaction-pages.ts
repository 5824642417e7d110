import { SCOPES } from "./scope-catalogue";
import { escapeHtml, htmlPage } from "./html-page";
import type { ProviderName } from "./types";

interface LoginPage {
  provider: ProviderName;
  uid: string;
  loginHint?: string;
  error?: string;
}

/** Sign-in: one email field (the fakes have no passwords). */
export function loginPageHtml({ provider, uid, loginHint, error }: LoginPage): string {
  const heading = provider === "google" ? "Sign in with Google" : "Sign in to your account";
  return htmlPage(
    provider,
    heading,
    `${error ? `<p class="error" role="alert" data-testid="fake-login-error">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label for="fake-login-email">Email</label>
<input id="fake-login-email" type="email" name="email" required value="${escapeHtml(loginHint ?? "")}" data-testid="fake-login-email">
<button type="submit" id="fake-login-submit" data-testid="fake-login-submit">Next</button>
</form>`,
  );
}

interface ConsentPage {
  provider: ProviderName;
  uid: string;
  clientName: string;
  email: string;
  scopes: string[];
}

function scopeItem(provider: ProviderName, scope: string): string {
  const info = SCOPES[provider][scope];
  const text = escapeHtml(info?.description ?? scope);
  const testId = escapeHtml(`fake-consent-scope-${scope}`);
  if (provider === "microsoft" || info?.basic) {
    return `<li data-testid="${testId}">${text} <small>(${escapeHtml(scope)})</small></li>`;
  }
  // Google's granular consent: every non sign-in scope can be unticked.
  return `<li><label><input type="checkbox" name="scope" value="${escapeHtml(scope)}" checked data-testid="${testId}"> ${text} <small>(${escapeHtml(scope)})</small></label></li>`;
}

/** Consent: the requested scopes, Allow / Deny (Microsoft: Accept / Cancel, all or nothing). */
export function consentPageHtml({ provider, uid, clientName, email, scopes }: ConsentPage): string {
  const google = provider === "google";
  const heading = google ? `${clientName} wants access to your Google Account` : "Permissions requested";
  return htmlPage(
    provider,
    heading,
    `<p data-testid="fake-consent-account">${escapeHtml(email)}</p>
${google ? "" : `<p>${escapeHtml(clientName)} would like to:</p>`}
<form method="post" action="/interaction/${escapeHtml(uid)}/consent">
<ul>
${scopes.map((scope) => scopeItem(provider, scope)).join("\n")}
</ul>
<button type="submit" name="decision" value="allow" id="fake-consent-allow" data-testid="fake-consent-allow">${google ? "Allow" : "Accept"}</button>
<button type="submit" name="decision" value="deny" id="fake-consent-deny" data-testid="fake-consent-deny">${google ? "Deny" : "Cancel"}</button>
</form>`,
  );
}
