"use client";

import { memo, useCallback, useState } from "react";
import { FINDING_PROPERTIES, SEVERITIES } from "@/lib/domain/finding";
import { type FamilyFilters, type ListFilterKey, SORT_KEYS } from "@/lib/views/family-filters";
import { FAMILY_KINDS } from "@/lib/domain/family";

export interface FilterOptions {
  regions: string[];
  accounts: string[];
  tags: string[];
  /** OU paths of the snapshot's accounts (an Organization scan). */
  ous: string[];
  /** The accounts' tags in the Organization, `Key=Value`. */
  accountTags: string[];
}

const LABELS: Record<ListFilterKey, string> = {
  severity: "Severity",
  property: "Property",
  region: "Region",
  account: "Account",
  ou: "OU",
  accountTag: "Account tag",
  kind: "Family kind",
  tag: "Tag",
};

const ORGANIZATION_KEYS = new Set<ListFilterKey>(["ou", "accountTag"]);

/** Memoised: an Organization's accounts make hundreds of checkboxes, re-rendered for nothing on every filter change. */
const CheckboxGroup = memo(function CheckboxGroup({
  name,
  options,
  selected,
  onToggle,
}: {
  name: ListFilterKey;
  options: readonly string[];
  selected: string[];
  onToggle: (name: ListFilterKey, value: string) => void;
}) {
  return (
    <details className="relative rounded border border-slate-300 dark:border-slate-700">
      <summary className="cursor-pointer px-2 py-1 text-sm">
        {LABELS[name]}
        {selected.length > 0 ? ` (${selected.length})` : ""}
      </summary>
      <fieldset className="absolute z-20 mt-1 max-h-72 min-w-48 overflow-auto rounded border border-slate-300 bg-white p-2 shadow dark:border-slate-700 dark:bg-slate-900">
        <legend className="sr-only">{LABELS[name]}</legend>
        {options.length === 0 ? <p className="text-xs">No values in this snapshot.</p> : null}
        {options.map((value) => (
          <label key={value} className="flex items-center gap-2 py-0.5 text-sm">
            <input
              type="checkbox"
              checked={selected.includes(value)}
              onChange={() => onToggle(name, value)}
            />
            {value}
          </label>
        ))}
      </fieldset>
    </details>
  );
});

/**
 * Multi-select filters are staged here and reach the URL only on "Apply filters". Memoised (with a
 * stable `onApply`): the families page re-renders on every page of rows it receives.
 */
export const FilterBar = memo(function FilterBar({
  filters,
  options,
  onApply,
}: {
  filters: FamilyFilters;
  options: FilterOptions;
  onApply: (next: FamilyFilters) => void;
}) {
  const [staged, setStaged] = useState<FamilyFilters>(filters);
  const [applied, setApplied] = useState<FamilyFilters>(filters);
  if (applied !== filters) {
    // The URL changed (a chip removed, back button): restart staging from what is applied.
    setApplied(filters);
    setStaged(filters);
  }
  const optionsOf: Record<ListFilterKey, readonly string[]> = {
    severity: SEVERITIES,
    property: FINDING_PROPERTIES,
    region: options.regions,
    account: options.accounts,
    ou: options.ous,
    accountTag: options.accountTags,
    kind: FAMILY_KINDS,
    tag: options.tags,
  };
  const toggle = useCallback((key: ListFilterKey, value: string) => {
    setStaged((s) => {
      const current = s[key] as string[];
      const next = current.includes(value)
        ? current.filter((v) => v !== value)
        : [...current, value];
      return { ...s, [key]: next };
    });
  }, []);
  const dirty = JSON.stringify(staged) !== JSON.stringify(filters);
  // The Organization filters appear for snapshots whose accounts have OUs or tags (or when set).
  const shown = (key: ListFilterKey) =>
    !ORGANIZATION_KEYS.has(key) || optionsOf[key].length > 0 || staged[key].length > 0;
  return (
    <form
      aria-label="Filters"
      className="flex flex-wrap items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        onApply({ ...staged, q: filters.q });
      }}
    >
      {(Object.keys(LABELS) as ListFilterKey[]).filter(shown).map((key) => (
        <CheckboxGroup
          key={key}
          name={key}
          options={optionsOf[key]}
          selected={staged[key] as string[]}
          onToggle={toggle}
        />
      ))}
      <label className="flex items-center gap-1 text-sm">
        Waived
        <select
          className="rounded border border-slate-300 bg-transparent px-1 py-1 dark:border-slate-700"
          value={staged.waived}
          onChange={(e) =>
            setStaged((s) => ({ ...s, waived: e.target.value as FamilyFilters["waived"] }))
          }
        >
          <option value="any">any</option>
          <option value="yes">has waived findings</option>
          <option value="no">no waived findings</option>
        </select>
      </label>
      <label className="flex items-center gap-1 text-sm">
        Sort by
        <select
          className="rounded border border-slate-300 bg-transparent px-1 py-1 dark:border-slate-700"
          value={staged.sort}
          onChange={(e) =>
            setStaged((s) => ({ ...s, sort: e.target.value as FamilyFilters["sort"] }))
          }
        >
          {SORT_KEYS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-1 text-sm">
        Order
        <select
          className="rounded border border-slate-300 bg-transparent px-1 py-1 dark:border-slate-700"
          value={staged.dir}
          onChange={(e) =>
            setStaged((s) => ({ ...s, dir: e.target.value as FamilyFilters["dir"] }))
          }
        >
          <option value="asc">ascending</option>
          <option value="desc">descending</option>
        </select>
      </label>
      <button
        type="submit"
        disabled={!dirty}
        className="rounded bg-blue-700 px-3 py-1 text-sm text-white disabled:bg-slate-400"
      >
        Apply filters
      </button>
    </form>
  );
});
