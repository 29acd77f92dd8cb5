/** A table that may list hundreds of rows: it scrolls within the page and its header stays in view. */
export const TALL_TABLE =
  "max-h-[36rem] overflow-y-auto [&_thead]:sticky [&_thead]:top-0 [&_thead]:bg-white dark:[&_thead]:bg-slate-950";

/** "Showing 25 of 500 accounts." and the button that lists them all (or the first ones again). */
export function ShowAll({
  shown,
  total,
  limit,
  all,
  noun,
  onToggle,
}: {
  shown: number;
  total: number;
  limit: number;
  all: boolean;
  /** What is counted, plural: "accounts", "account-regions". */
  noun: string;
  onToggle: () => void;
}) {
  if (total <= limit) return null;
  return (
    <p className="mt-2 flex flex-wrap items-center gap-3 text-sm">
      <span aria-live="polite">
        Showing {shown} of {total} {noun}.
      </span>
      <button
        type="button"
        aria-expanded={all}
        className="rounded border border-slate-300 px-2 py-0.5 text-sm focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-slate-700"
        onClick={onToggle}
      >
        {all ? `Show the first ${limit}` : `Show all ${total} ${noun}`}
      </button>
    </p>
  );
}
