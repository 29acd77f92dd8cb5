import type { FindingView } from "@/lib/server/family-report";

function Json({ value }: { value: unknown }) {
  return (
    <pre
      tabIndex={0}
      className="overflow-x-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-900"
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** The statement-level policy diff and the access delta in words. */
export function PolicyView({ policy }: { policy: NonNullable<FindingView["policy"]> }) {
  const s = policy.statements;
  return (
    <div className="mt-2 space-y-2">
      <h4 className="text-sm font-semibold">Access delta</h4>
      {policy.words.length > 0 ? (
        <ul aria-label="Access delta" className="list-disc pl-5 text-sm">
          {policy.words.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : (
        <p className="text-sm">
          No KMS access changes (the difference is in wording or in statements kms-drift cannot
          decide).
        </p>
      )}
      {policy.cannotDecide && policy.cannotDecide.length > 0 ? (
        <p className="text-sm">
          Cannot decide: {[...new Set(policy.cannotDecide.flatMap((c) => c.reasons))].join(", ")}
        </p>
      ) : null}
      {s ? (
        <details>
          <summary className="cursor-pointer text-sm font-semibold">
            Statement diff ({s.added.length} added, {s.removed.length} removed, {s.changed.length}{" "}
            changed)
          </summary>
          <div className="mt-2 grid gap-2 md:grid-cols-2">
            {s.removed.map((st, i) => (
              <div key={`r${i}`}>
                <p className="text-xs font-semibold text-red-800 dark:text-red-300">
                  Only in the reference
                </p>
                <Json value={st} />
              </div>
            ))}
            {s.added.map((st, i) => (
              <div key={`a${i}`}>
                <p className="text-xs font-semibold text-green-800 dark:text-green-300">
                  Only in this region
                </p>
                <Json value={st} />
              </div>
            ))}
            {s.changed.map((c, i) => (
              <div key={`c${i}`} className="grid gap-2 md:col-span-2 md:grid-cols-2">
                <div>
                  <p className="text-xs font-semibold">Reference</p>
                  <Json value={c.reference} />
                </div>
                <div>
                  <p className="text-xs font-semibold">This region</p>
                  <Json value={c.actual} />
                </div>
              </div>
            ))}
          </div>
        </details>
      ) : null}
    </div>
  );
}
