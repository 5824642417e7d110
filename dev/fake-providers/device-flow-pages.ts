import type { Client, KoaContextWithOIDC } from "oidc-provider";
import { escapeHtml, htmlPage } from "./html-page";
import type { ProviderName } from "./types";

/** oidc-provider hands over its form as HTML; the fakes render their own with test ids. */
function formFields(form: string): { action: string; xsrf: string } {
  const action = /action="([^"]+)"/.exec(form)?.[1] ?? "";
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(form)?.[1] ?? "";
  return { action, xsrf };
}

function inputErrorText(err: Error | undefined): string | undefined {
  if (!err) return undefined;
  if (err.name === "AbortedError") return "The sign-in request was cancelled.";
  if (err.name === "NoCodeError" || err.name === "NotFoundError")
    return "That code didn't work. Check it and try again.";
  if (err.name === "ExpiredError") return "That code has expired.";
  if (err.name === "AlreadyUsedError") return "That code was already used.";
  return "There was an error processing your request.";
}

/** The three pages of the device flow: enter the code, confirm the device, done. */
export function deviceFlowPages(provider: ProviderName) {
  return {
    async userCodeInputSource(
      ctx: KoaContextWithOIDC,
      form: string,
      _out?: unknown,
      err?: Error,
    ): Promise<void> {
      const { action, xsrf } = formFields(form);
      const message = inputErrorText(err);
      ctx.type = "html";
      ctx.body = htmlPage(
        provider,
        "Connect a device",
        `${message ? `<p class="error" role="alert" data-testid="fake-device-error">${escapeHtml(message)}</p>` : ""}
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="xsrf" value="${escapeHtml(xsrf)}">
<label for="fake-device-code">Enter the code displayed on your device</label>
<input id="fake-device-code" type="text" name="user_code" autocomplete="off" data-testid="fake-device-code">
<button type="submit" id="fake-device-submit" data-testid="fake-device-submit">Next</button>
</form>`,
      );
    },

    async userCodeConfirmSource(
      ctx: KoaContextWithOIDC,
      form: string,
      client: Client,
      _deviceInfo: unknown,
      userCode: string,
    ): Promise<void> {
      const { action, xsrf } = formFields(form);
      const name = client.clientName ?? client.clientId;
      ctx.type = "html";
      ctx.body = htmlPage(
        provider,
        "Confirm the device",
        `<p><strong>${escapeHtml(String(name))}</strong> is asking to sign in on a device showing the code
<code data-testid="fake-device-user-code">${escapeHtml(userCode)}</code>.</p>
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="xsrf" value="${escapeHtml(xsrf)}">
<input type="hidden" name="user_code" value="${escapeHtml(userCode)}">
<input type="hidden" name="confirm" value="yes">
<button type="submit" id="fake-device-confirm" data-testid="fake-device-confirm">Continue</button>
<button type="submit" name="abort" value="yes" id="fake-device-abort" data-testid="fake-device-abort">Cancel</button>
</form>`,
      );
    },

    async successSource(ctx: KoaContextWithOIDC): Promise<void> {
      ctx.type = "html";
      ctx.body = htmlPage(
        provider,
        "You’re all set",
        `<p data-testid="fake-device-success">You can return to your device.</p>`,
      );
    },
  };
}
