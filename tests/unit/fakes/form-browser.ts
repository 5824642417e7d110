import { createHash, randomBytes } from "node:crypto";

/** A cookie-keeping HTTP client that drives the fakes' plain HTML forms the way a browser would. */
export class FormBrowser {
  private readonly cookies = new Map<string, Map<string, string>>();

  async request(url: string, init: { method?: string; form?: Record<string, string | string[]> } = {}) {
    const target = new URL(url);
    const jar = this.cookies.get(target.host) ?? new Map<string, string>();
    this.cookies.set(target.host, jar);
    const headers: Record<string, string> = { accept: "text/html" };
    if (jar.size) headers.cookie = [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
    let body: string | undefined;
    if (init.form) {
      const form = new URLSearchParams();
      for (const [name, value] of Object.entries(init.form)) {
        for (const item of Array.isArray(value) ? value : [value]) form.append(name, item);
      }
      body = form.toString();
      headers["content-type"] = "application/x-www-form-urlencoded";
    }
    const response = await fetch(target, {
      method: init.method ?? (body ? "POST" : "GET"),
      headers,
      body,
      redirect: "manual",
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  }
}

export interface AuthorizeChoices {
  email: string;
  /** Scopes to untick on Google's consent page. */
  untick?: string[];
  deny?: boolean;
}

function unescapeHtml(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function formAction(html: string, base: string): string {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no form in page: ${html.slice(0, 300)}`);
  return new URL(unescapeHtml(action), base).href;
}

/**
 * Follows an authorization request through the login and consent pages until the provider
 * redirects to `redirectUri`; returns that redirect. Pages seen are collected in `pages`.
 */
export async function authorizeThroughPages(
  browser: FormBrowser,
  authorizationUrl: string,
  redirectUri: string,
  choices: AuthorizeChoices,
  pages: string[] = [],
): Promise<URL> {
  let response = await browser.request(authorizationUrl);
  let url = authorizationUrl;
  for (let step = 0; step < 12; step += 1) {
    if (response.status >= 300 && response.status < 400) {
      const location = new URL(response.headers.get("location") ?? "", url).href;
      if (location.startsWith(redirectUri)) return new URL(location);
      url = location;
      response = await browser.request(url);
      continue;
    }
    const html = await response.text();
    if (response.status !== 200) throw new Error(`page answered ${response.status}: ${html.slice(0, 500)}`);
    if (html.includes('data-testid="fake-login-email"')) {
      pages.push("login");
      response = await browser.request(formAction(html, url), { form: { email: choices.email } });
    } else if (html.includes('data-testid="fake-consent-allow"')) {
      pages.push("consent");
      const offered = [...html.matchAll(/name="scope" value="([^"]+)"/g)].map((match) =>
        unescapeHtml(match[1] ?? ""),
      );
      const scope = offered.filter((item) => !choices.untick?.includes(item));
      response = await browser.request(formAction(html, url), {
        form: { decision: choices.deny ? "deny" : "allow", scope },
      });
    } else {
      throw new Error(`unexpected page: ${html.slice(0, 500)}`);
    }
  }
  throw new Error("too many steps before the redirect");
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

export async function postForm(
  url: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json", ...headers },
    body: new URLSearchParams(form).toString(),
  });
  const text = await response.text();
  const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  return { status: response.status, body };
}
