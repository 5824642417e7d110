export type NextStep = { href: string; label: string; testId?: string };

/**
 * Says what was just created and offers what usually comes next, as links:
 * shown once, on the page a creation lands on (`?created=1`).
 */
export function NextStepsNotice({
  title,
  intro,
  steps,
}: {
  title: string;
  intro: string;
  steps: NextStep[];
}) {
  return (
    <section
      role="status"
      aria-label={title}
      className="rounded border border-green-300 bg-green-50 p-3 text-sm text-green-950"
      data-testid="next-steps"
    >
      <p className="font-semibold">{title}</p>
      <p className="mt-1">{intro}</p>
      <ul className="mt-2 flex flex-wrap gap-2">
        {steps.map((step) => (
          <li key={step.href}>
            {/* A plain link: one step may be the OAuth flow's entry route, which must never be prefetched. */}
            <a
              href={step.href}
              data-testid={step.testId}
              className="inline-block rounded border border-green-700 bg-white px-3 py-1.5 font-medium text-green-900 hover:bg-green-100"
            >
              {step.label}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
