import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { e2eBaseUrl } from "./e2e-env";

// As root Chromium needs --no-sandbox; the rest keep it from calling home,
// which on a closed network floods the log with refused connections.
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-default-apps",
  "--disable-features=Translate,OptimizationHints,MediaRouter",
];

/** Debian's Chromium driven by playwright-core (Playwright's own browsers cannot be downloaded here). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: chromiumArgs,
  });
}

export interface BrowserHandle {
  /** A page in a context of its own: its own cookies, as a separate person's browser. */
  newPage(options?: { locale?: string }): Promise<Page>;
}

/**
 * One Chromium for the enclosing describe block; each newPage() is a fresh
 * browser profile pointed at the server under test (page.goto("/signin")).
 */
export function useBrowser(): BrowserHandle {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    async newPage({ locale = "en-GB" } = {}) {
      if (!browser) throw new Error("useBrowser(): the browser starts in beforeAll");
      // The context's locale sets both navigator.language and Accept-Language.
      const context = await browser.newContext({ baseURL: e2eBaseUrl(), locale });
      return context.newPage();
    },
  };
}

/** Signs in through the password form and waits until the browser has left the sign-in page. */
export async function signIn(page: Page, email: string, password: string, path = "/signin"): Promise<void> {
  await page.goto(path);
  const form = page.locator("form", { has: page.getByTestId("signin-submit") });
  await form.locator('input[name="email"]').fill(email);
  await form.locator('input[name="password"]').fill(password);
  await page.getByTestId("signin-submit").click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
}

/** The page's own alerts: Next.js adds an empty role="alert" route announcer to every page. */
export function alerts(page: Page) {
  return page.locator('[role="alert"]:not(#__next-route-announcer__)');
}

/** The browser's session cookie, if next-auth set one. */
export async function sessionCookie(page: Page) {
  const cookies = await page.context().cookies();
  return cookies.find((cookie) => cookie.name.endsWith("next-auth.session-token"));
}

/** Fails with the page's text when an expected test id is missing, which reads better than a timeout. */
export async function expectTestId(page: Page, testId: string) {
  const locator = page.getByTestId(testId);
  await locator.waitFor({ timeout: 10_000 }).catch(async () => {
    expect.fail(`No [data-testid="${testId}"] on ${page.url()}; page text:\n${await page.innerText("body")}`);
  });
  return locator;
}

/**
 * Collects every Content-Security-Policy violation on the portal's pages
 * (not the fake providers'), across navigations: the
 * `securitypolicyviolation` events, heard by a script the browser injects
 * before the page's own (which the policy does not govern), and the console
 * errors Chromium writes for them. Call before the first page.goto.
 */
export async function watchCspViolations(page: Page): Promise<string[]> {
  const portal = new URL(e2eBaseUrl()).origin;
  const violations: string[] = [];
  await page.exposeFunction("__relaisReportViolation", (text: string) => violations.push(text));
  await page.addInitScript((origin: string) => {
    if (location.origin !== origin) return;
    document.addEventListener(
      "securitypolicyviolation",
      (event) => {
        const report = (window as unknown as { __relaisReportViolation: (text: string) => void })
          .__relaisReportViolation;
        report(
          `${event.effectiveDirective} refused ${event.blockedURI || "inline"} on ${location.pathname} ` +
            `(${event.sourceFile}:${event.lineNumber}) ${event.sample}`,
        );
      },
      true,
    );
  }, portal);
  page.on("console", (message) => {
    const url = message.location().url;
    if (
      message.type() === "error" &&
      /content.security.policy/i.test(message.text()) &&
      (!url || url.startsWith(portal))
    ) {
      violations.push(`console: ${message.text()}`);
    }
  });
  return violations;
}
