import { fieldClass } from "./classes";

export type FilterOption = { value: string; label: string };

/**
 * A labelled select in a GET filter form: its value travels in the URL, so a
 * filtered view can be shared. `anyLabel` adds the "no filter" choice.
 */
export function FilterSelect({
  label,
  name,
  value,
  options,
  anyLabel,
  testId,
}: {
  label: string;
  name: string;
  value: string | null | undefined;
  options: FilterOption[];
  anyLabel?: string;
  testId?: string;
}) {
  return (
    <label className="text-sm">
      {label}
      <select name={name} defaultValue={value ?? ""} className={fieldClass} data-testid={testId}>
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
