import type { Page } from "playwright-core";
import { catalogAreas } from "./message-area-scan";

/**
 * Message keys shown as they are ("mailboxes.table.total") in the page's
 * text or its labels: what a client component shows when its page did not
 * send the key's area to the browser (docs/i18n.md).
 */
export async function rawMessageKeysOn(page: Page): Promise<string[]> {
  const source = `\\b(?:${catalogAreas.join("|")})\\.[a-z][A-Za-z0-9]*\\.[A-Za-z0-9.]+`;
  return page.evaluate((pattern) => {
    const key = new RegExp(pattern, "g");
    const labels = [...document.querySelectorAll("[aria-label], [title], [placeholder], [alt]")].flatMap(
      (element) =>
        ["aria-label", "title", "placeholder", "alt"].map((name) => element.getAttribute(name) ?? ""),
    );
    return [document.body.innerText, ...labels].flatMap((text) => text.match(key) ?? []);
  }, source);
}
