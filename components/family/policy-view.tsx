import type { StatementDiff, Verdict } from "@/lib/domain/policy-evidence";
import type { FindingPolicyView } from "@/lib/views/family-report";

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

const VERDICT_WORDS: Record<Verdict, string> = {
  equal: "allows the same",
  wider: "allows more than the reference",
  narrower: "allows less than the reference",
  incomparable: "allows some things the reference does not, and not some things it does",
  undecidable: "cannot be decided",
};

/** The statement diff of two policies: explanation only, never the verdict. */
export function StatementDiffView({ statements: s }: { statements: StatementDiff }) {
  return (
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
  );
}

/** The verdict, the access delta in words (each with its witness request) and the statement diff. */
export function PolicyView({ policy }: { policy: FindingPolicyView }) {
  const hidden = policy.deltaTotal - policy.delta.length;
  return (
    <div className="mt-2 space-y-2">
      <p className="text-sm" data-testid="policy-verdict">
        By what it allows, this key policy {VERDICT_WORDS[policy.verdict]}.
      </p>
      {policy.undecidable && policy.undecidable.length > 0 ? (
        <p className="text-sm">Cannot decide: {[...new Set(policy.undecidable)].join("; ")}</p>
      ) : null}
      {policy.words.length > 0 ? (
        <>
          <h4 className="text-sm font-semibold">Access delta</h4>
          <ul aria-label="Access delta" className="list-disc pl-5 text-sm">
            {policy.words.map((w, i) => (
              <li key={`${i}-${w}`}>
                {w}
                <details className="ml-1 inline">
                  <summary className="cursor-pointer text-xs underline">witness request</summary>
                  <Json value={policy.delta[i]?.witness} />
                </details>
              </li>
            ))}
          </ul>
          {hidden > 0 ? (
            <p className="text-xs">{hidden} more entries are in the JSON export.</p>
          ) : null}
        </>
      ) : null}
      {policy.verdict === "equal" ? (
        <p className="text-sm">Reads differently, allows the same.</p>
      ) : null}
      <StatementDiffView statements={policy.statements} />
    </div>
  );
}
