import type { ReactNode } from "react";
import { MessagesScope } from "@/components/i18n-provider";
import { catalogs } from "@/lib/i18n/catalog";
import { pickAreas, type MessageArea } from "@/lib/i18n/message-areas";
import { getLocale } from "@/lib/i18n/server";

/**
 * A page whose client components read these areas of the catalog, besides
 * the shell's: only those are sent to the browser, not the whole catalog.
 * tests/unit/page-message-areas.test.ts checks each page names every area
 * its client components use.
 */
export function withMessages<Props>(
  areas: readonly MessageArea[],
  Page: (props: Props) => Promise<ReactNode> | ReactNode,
) {
  return async function PageWithMessages(props: Props) {
    const [locale, content] = await Promise.all([getLocale(), Page(props)]);
    return <MessagesScope messages={pickAreas(catalogs[locale], areas)}>{content}</MessagesScope>;
  };
}
