import type { ErrorOut, KoaContextWithOIDC } from "oidc-provider";
import { escapeHtml, htmlPage } from "./html-page";
import type { ProviderName } from "./types";

const GOOGLE_STATUS: Record<string, number> = { invalid_client: 401 };

/**
 * The page a person sees when the provider refuses an authorization request without redirecting
 * (unknown client, redirect URI not registered, bad scope). Google titles it "Error 400: …",
 * Microsoft shows an AADSTS code.
 */
export function errorPageHtml(
  provider: ProviderName,
  error: string,
  description: string | undefined,
): string {
  const heading =
    provider === "google"
      ? `Error ${GOOGLE_STATUS[error] ?? 400}: ${error}`
      : "Sorry, but we’re having trouble signing you in.";
  const body = `<p data-testid="fake-error" data-error="${escapeHtml(error)}">${escapeHtml(error)}</p>
<p data-testid="fake-error-description">${escapeHtml(description ?? "")}</p>`;
  return htmlPage(provider, heading, body);
}

const MICROSOFT_AUTHORIZE_ERRORS: Record<string, string> = {
  invalid_redirect_uri:
    "AADSTS50011: The redirect URI specified in the request does not match the redirect URIs configured for the application.",
  invalid_client: "AADSTS700016: Application was not found in the directory.",
};

const GOOGLE_AUTHORIZE_ERRORS: Record<string, [string, string]> = {
  invalid_redirect_uri: [
    "redirect_uri_mismatch",
    "You can't sign in to this app because it doesn't comply with Google's OAuth 2.0 policy.",
  ],
  invalid_client: ["invalid_client", "The OAuth client was not found."],
};

/** oidc-provider's renderError hook, worded like each provider. */
export function renderErrorFor(provider: ProviderName) {
  return async (ctx: KoaContextWithOIDC, out: ErrorOut): Promise<void> => {
    ctx.type = "html";
    if (provider === "google") {
      const [error, description] = GOOGLE_AUTHORIZE_ERRORS[out.error] ?? [out.error, out.error_description];
      ctx.body = errorPageHtml(provider, error, description);
      return;
    }
    ctx.body = errorPageHtml(
      provider,
      out.error,
      MICROSOFT_AUTHORIZE_ERRORS[out.error] ?? out.error_description,
    );
  };
}
