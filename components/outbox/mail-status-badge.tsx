import type { OutgoingMailStatus } from "@/lib/outbox/mail-status";

const tone: Record<OutgoingMailStatus, string> = {
  queued: "bg-slate-100 text-slate-800",
  sending: "bg-blue-100 text-blue-900",
  sent: "bg-green-100 text-green-900",
  held: "bg-amber-100 text-amber-900",
  failed: "bg-red-100 text-red-900",
  cancelled: "bg-slate-200 text-slate-700",
};

/** A mail's status, with its translated label given by the page. */
export function MailStatusBadge({ status, label }: { status: OutgoingMailStatus; label: string }) {
  return (
    <span
      className={`rounded px-2 py-0.5 text-xs font-medium ${tone[status]}`}
      data-testid="mail-status"
      data-status={status}
    >
      {label}
    </span>
  );
}
