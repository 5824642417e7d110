import type { ConnectionState } from "@/lib/mailboxes/connection-state";

const colours: Record<ConnectionState, string> = {
  pending: "bg-slate-100 text-slate-800",
  connected: "bg-green-100 text-green-900",
  needs_reconnect: "bg-amber-100 text-amber-900",
  insufficient_scope: "bg-amber-100 text-amber-900",
  revoked: "bg-slate-200 text-slate-800",
  config_error: "bg-red-100 text-red-900",
};

/** A connection state in plain words (`label`, already translated), coloured by how urgent it is. */
export function ConnectionStateBadge({
  state,
  label,
  testId,
}: {
  state: ConnectionState;
  label: string;
  testId?: string;
}) {
  return (
    <span
      data-testid={testId}
      data-state={state}
      className={`inline-block rounded px-2 py-0.5 text-xs font-medium sm:whitespace-nowrap ${colours[state]}`}
    >
      {label}
    </span>
  );
}
