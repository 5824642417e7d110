import type { SenderStatus } from "@/lib/migration/sender-status";

const colours: Record<SenderStatus, string> = {
  oauth: "bg-green-100 text-green-900",
  moved: "bg-green-100 text-green-900",
  quiet: "bg-sky-100 text-sky-900",
  waiting: "bg-amber-100 text-amber-900",
  still_basic: "bg-red-100 text-red-900",
  to_do: "bg-slate-100 text-slate-800",
};

/** Where a sender stands, in plain words (`label`, already translated), coloured by how far along it is. */
export function SenderStatusBadge({
  status,
  label,
  testId,
}: {
  status: SenderStatus;
  label: string;
  testId?: string;
}) {
  return (
    <span
      data-testid={testId}
      data-status={status}
      className={`inline-block rounded px-2 py-0.5 text-xs font-medium whitespace-nowrap ${colours[status]}`}
    >
      {label}
    </span>
  );
}
