"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useDates, useT } from "@/components/i18n-provider";
import { formatMoment, type DateConventions } from "@/lib/i18n/dates/formats";
import { ActionNotice, type Notice } from "@/components/ui/action-notice";
import { RunProgress } from "@/components/ui/run-progress";
import { useChunkedRun, type ChunkedRun } from "@/components/ui/use-chunked-run";
import { createConnectLinksAction } from "@/lib/connect-links/connect-link-actions";
import type { ConnectionState } from "@/lib/mailboxes/connection-state";
import { bulkPartSizes } from "@/lib/mailboxes/bulk/bulk-schemas";
import { stackedTable } from "@/components/ui/classes";
import type { MailboxHealthWords } from "@/lib/mailbox-health/mailbox-health-words";
import { ExpirySelect } from "./expiry-select";
import { GrantEndText, type GrantEndWords } from "./grant-end-text";
import { MailboxHealthLine } from "./mailbox-health-line";
import { AddressText } from "@/components/ui/address-text";

type Sent = Extract<Awaited<ReturnType<typeof createConnectLinksAction>>, { ok: true }>["data"];
type Target = { id: string; address: string };

export interface MailboxRowData {
  id: string;
  address: string;
  displayName: string;
  configurationName: string;
  state: ConnectionState;
  /** Its health line, in the reader's words. */
  health: Pick<MailboxHealthWords, "code" | "tone" | "headline">;
  members: string[];
  /** When its authorization ends (the forecast the mailbox page shows), in words. */
  end: GrantEndWords;
  /** Already formatted: until when an open connect link is valid. */
  linkOpenUntil: string | null;
  /** Already formatted: when mail was last sent from it. */
  lastUsed?: string | null;
}

// Under the sm breakpoint each row is a card (see stackedTable): the checkbox
// beside the address, the state under it, then the other cells under their
// column's name, the last two side by side. Cells keep their content.
const th = "px-3 py-2 font-medium max-sm:sr-only";
const cell = "px-3 py-2 align-top max-sm:p-0";
/** A card line of its own (one column class per cell: two would fight over the same property). */
const td = `${cell} max-sm:col-span-2 max-sm:col-start-2`;
const labelled = stackedTable.labelled;
const card =
  "max-sm:grid max-sm:grid-flow-row-dense max-sm:grid-cols-[auto_minmax(0,1fr)_minmax(0,1fr)] max-sm:gap-x-3 max-sm:gap-y-2 max-sm:p-3";

/** The mailboxes of one page, with a selection to send connect links to. */
export function MailboxesTable({
  tenant,
  rows,
  canWrite,
}: {
  tenant: string;
  rows: MailboxRowData[];
  canWrite: boolean;
}) {
  const t = useT();
  const dates = useDates();
  const router = useRouter();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const parts = useChunkedRun<Target, Sent>();
  const running = parts.state.phase === "running";
  const allSelected = rows.length > 0 && rows.every((row) => selected.has(row.id));
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  // The links go out a few mailboxes at a time (each is mailed), so that the page shows how far it got.
  async function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const expiresInDays = new FormData(event.currentTarget).get("expiresInDays");
    const targets = rows.filter((row) => selected.has(row.id)).map(({ id, address }) => ({ id, address }));
    const outcome = await parts.run(targets, bulkPartSizes.connect_links, (part) => {
      const data = new FormData();
      data.set("tenant", tenant);
      if (typeof expiresInDays === "string") data.set("expiresInDays", expiresInDays);
      for (const target of part) data.append("ids", target.id);
      return createConnectLinksAction(null, data);
    });
    if (outcome.failures.length === 0 && outcome.notRun.length === 0) setSelected(new Set());
    router.refresh();
  }

  const notice = parts.state.phase === "finished" ? linksNotice(t, dates, parts.state) : null;

  return (
    <form onSubmit={(event) => void send(event)} className="space-y-3" noValidate>
      <input type="hidden" name="tenant" value={tenant} />
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table data-testid="mailboxes-table" className={`w-full text-left text-sm ${stackedTable.table}`}>
          <thead className="border-b border-slate-200 bg-slate-50 text-slate-600 max-sm:block">
            <tr className="max-sm:flex">
              {canWrite && (
                <th scope="col" className="px-3 py-2 font-medium">
                  {/* On a card list, the one header left: its words are shown. */}
                  <label className="flex items-center gap-3 max-sm:min-h-8">
                    <input
                      type="checkbox"
                      className="max-sm:h-5 max-sm:w-5"
                      checked={allSelected}
                      onChange={(event) =>
                        setSelected(event.target.checked ? new Set(rows.map((row) => row.id)) : new Set())
                      }
                    />
                    <span className="sm:sr-only">{t("mailboxes.table.selectAll")}</span>
                  </label>
                </th>
              )}
              <th scope="col" className={th}>
                {t("mailboxes.table.address")}
              </th>
              <th scope="col" className={th}>
                {t("mailboxes.table.name")}
              </th>
              <th scope="col" className={th}>
                {t("mailboxes.table.configuration")}
              </th>
              <th scope="col" className={th}>
                {t("mailboxes.table.state")}
              </th>
              <th scope="col" className={th}>
                {t("mailboxes.table.members")}
              </th>
              <th scope="col" className={th}>
                {t("mailboxes.table.expires")}
              </th>
              <th scope="col" className={th}>
                {t("dashboard.table.sorts.lastUsed")}
              </th>
            </tr>
          </thead>
          <tbody className={stackedTable.body}>
            {rows.map((row) => (
              <tr
                key={row.id}
                data-testid={`mailbox-row-${row.address}`}
                className={`border-b border-slate-100 last:border-0 ${card}`}
              >
                {canWrite && (
                  <td className="px-3 py-2 align-top max-sm:col-start-1 max-sm:row-start-1 max-sm:p-0">
                    <input
                      type="checkbox"
                      className="max-sm:h-5 max-sm:w-5"
                      name="ids"
                      value={row.id}
                      data-testid={`mailbox-select-${row.address}`}
                      aria-label={t("mailboxes.table.select", { address: row.address })}
                      checked={selected.has(row.id)}
                      onChange={(event) => toggle(row.id, event.target.checked)}
                    />
                  </td>
                )}
                {/* A minimum width: on a tablet the table scrolls sideways instead of cutting addresses into syllables. */}
                <td className={`${td} min-w-48 max-sm:row-start-1 max-sm:min-w-0`} data-column="address">
                  <Link
                    href={`/t/${tenant}/mailboxes/${row.id}`}
                    className="font-medium break-words text-brand-700 hover:underline"
                  >
                    <AddressText address={row.address} />
                  </Link>
                </td>
                <td
                  className={`${td} ${labelled} max-sm:empty:hidden`}
                  data-label={t("mailboxes.table.name")}
                >
                  {row.displayName}
                </td>
                <td className={`${td} ${labelled}`} data-label={t("mailboxes.table.configuration")}>
                  {row.configurationName}
                </td>
                <td
                  className={`${td} max-sm:row-start-2 sm:min-w-56`}
                  data-column="state"
                  data-state={row.state}
                >
                  <MailboxHealthLine words={row.health} testId={`mailbox-health-${row.address}`} />
                  {(row.health.tone === "warning" || row.health.tone === "problem") && (
                    <Link
                      href={`/t/${tenant}/mailboxes/${row.id}#health`}
                      className="mt-1 ml-4.5 inline-block text-xs text-brand-700 underline"
                    >
                      {t("mailboxes.health.fixes.fixIt")}
                    </Link>
                  )}
                  {row.linkOpenUntil && (
                    <span className="mt-1 ml-4.5 block text-xs text-slate-500">
                      {t("mailboxes.table.linkOpen", { date: row.linkOpenUntil })}
                    </span>
                  )}
                </td>
                <td
                  className={`${td} ${labelled} min-w-40 max-sm:min-w-0`}
                  data-label={t("mailboxes.table.members")}
                >
                  {row.members.length > 0 ? (
                    <ul className="space-y-0.5">
                      {row.members.map((email) => (
                        <li key={email} className="break-words">
                          <AddressText address={email} />
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span className="text-slate-500">{t("mailboxes.table.noMembers")}</span>
                  )}
                </td>
                <td
                  className={`${cell} ${labelled} max-sm:col-start-2`}
                  data-label={t("mailboxes.table.expires")}
                >
                  <GrantEndText end={row.end} />
                </td>
                <td
                  className={`${cell} ${labelled} max-sm:col-start-3`}
                  data-label={t("dashboard.table.sorts.lastUsed")}
                >
                  {row.lastUsed ?? <span className="text-slate-500">{t("common.never")}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {/* The quick path for the rows ticked, after them (the table does not move, the keyboard reaches it
          next) and kept in view at the bottom while the list scrolls. Hidden, not removed, while no row
          is ticked: it would double the panel that acts on a filter, and its choice of days stays. */}
      {canWrite && (
        <div
          hidden={selected.size === 0 && !running && !notice}
          className="sticky bottom-0 z-10 flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-md"
        >
          <ExpirySelect testId="connect-links-expiry" />
          <button
            type="submit"
            data-testid="send-connect-links"
            disabled={running || selected.size === 0}
            className="rounded bg-brand-600 px-3 py-1 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
          >
            {selected.size > 0
              ? t("mailboxes.connectLinks.sendSelected", { count: selected.size })
              : t("mailboxes.connectLinks.send")}
          </button>
          <ActionNotice testId="connect-links-result" notice={notice} />
          {running && (
            <div className="basis-full">
              <RunProgress
                testId="connect-links-progress"
                value={parts.state.processed}
                max={parts.state.total}
                label={t("common.progress.mailboxes", {
                  done: parts.state.processed,
                  total: parts.state.total,
                })}
                note={t("common.progress.keepOpen")}
                onStop={parts.stop}
                stopping={parts.state.stopping}
              />
            </div>
          )}
        </div>
      )}
    </form>
  );
}

/** What sending links did, in words: how many went, until when they are valid, and what did not go and why. */
function linksNotice(
  t: ReturnType<typeof useT>,
  dates: DateConventions,
  run: ChunkedRun<Target, Sent>,
): Notice {
  const sent = run.results.reduce((sum, part) => sum + part.sent, 0);
  const notMailed = run.results.flatMap((part) => part.notMailed);
  const last = run.results.at(-1);
  const date = last ? formatMoment(dates, new Date(last.expiresAt)) : "";
  const sentence = [t("mailboxes.connectLinks.sent", { count: sent, date })];
  if (notMailed.length > 0)
    sentence.push(t("mailboxes.connectLinks.notMailed", { addresses: notMailed.join(", ") }));
  for (const failure of run.failures) {
    sentence.push(
      t("mailboxes.connectLinks.partFailed", {
        addresses: failure.items.map((item) => item.address).join(", "),
        reason: failure.message,
      }),
    );
  }
  if (run.notRun.length > 0) sentence.push(t("dashboard.bulk.notRun", { count: run.notRun.length }));
  const complete = notMailed.length === 0 && run.failures.length === 0 && run.notRun.length === 0;
  // Nothing went at all: an error; some went: a warning that says what did not.
  if (sent === 0 && !complete) return { kind: "error", text: sentence.slice(1).join(" ") };
  return { kind: complete ? "success" : "warning", text: sentence.join(" ") };
}
