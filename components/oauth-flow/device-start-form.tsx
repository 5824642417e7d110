export type DeviceStartFields = { link: string } | { tenant: string; mailbox: string };

/**
 * Asks the provider for a (new) code: a plain form, so that it works before
 * any script has loaded. `link` for a connect link, else tenant and mailbox.
 */
export function DeviceStartForm({ fields, label }: { fields: DeviceStartFields; label: string }) {
  return (
    <form method="post" action="/api/oauth/device">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button
        type="submit"
        data-testid="device-start"
        className="rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
      >
        {label}
      </button>
    </form>
  );
}
