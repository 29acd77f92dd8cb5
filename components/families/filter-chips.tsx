"use client";

import { DEFAULT_FILTERS, type FamilyFilters, LIST_FILTER_KEYS } from "@/lib/views/family-filters";

/** The applied filters as removable chips. */
export function FilterChips({
  filters,
  onChange,
}: {
  filters: FamilyFilters;
  onChange: (next: FamilyFilters) => void;
}) {
  const chips: { label: string; remove: () => FamilyFilters }[] = [];
  for (const key of LIST_FILTER_KEYS) {
    for (const value of filters[key] as string[]) {
      chips.push({
        label: `${key}: ${value}`,
        remove: () => ({
          ...filters,
          [key]: (filters[key] as string[]).filter((v) => v !== value),
        }),
      });
    }
  }
  if (filters.waived !== "any")
    chips.push({
      label: `waived: ${filters.waived}`,
      remove: () => ({ ...filters, waived: "any" }),
    });
  if (filters.q) chips.push({ label: `text: ${filters.q}`, remove: () => ({ ...filters, q: "" }) });
  if (chips.length === 0) return null;
  return (
    <ul aria-label="Applied filters" className="flex flex-wrap items-center gap-2">
      {chips.map((chip) => (
        <li key={chip.label}>
          <button
            type="button"
            aria-label={`Remove filter ${chip.label}`}
            onClick={() => onChange(chip.remove())}
            className="rounded-full border border-slate-400 px-2 py-0.5 text-xs hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
          >
            {chip.label} <span aria-hidden="true">×</span>
          </button>
        </li>
      ))}
      <li>
        <button
          type="button"
          onClick={() => onChange({ ...DEFAULT_FILTERS, sort: filters.sort, dir: filters.dir })}
          className="text-xs underline"
        >
          Clear all filters
        </button>
      </li>
    </ul>
  );
}
