/**
 * Key-policy comparison by meaning: pairs per second and latency per differing pair.
 * Pairs are the differential test's generator (realistic policies × rewrites × mutations), each
 * decided cold (verdict cache cleared), plus the same pairs again to show the cache.
 * Run: npx tsx bench/policy.ts [pairs]
 */
import { clearVerdictCache, comparePolicies } from "../lib/policy/compare";
import { A, generatePair, KEY_ID, R1, R2 } from "../lib/policy/testing/generate";

const PAIRS = Number(process.argv[2] ?? 2000);
const place = (region: string) => ({ partition: "aws", account: A, region, keyId: KEY_ID });
const pairs = Array.from({ length: PAIRS }, (_, i) => generatePair(i + 1));

function run(cold: boolean): { ms: number; differing: number[]; verdicts: Record<string, number> } {
  const differing: number[] = [];
  const verdicts: Record<string, number> = {};
  const start = performance.now();
  for (const p of pairs) {
    if (cold) clearVerdictCache();
    const t = performance.now();
    const r = comparePolicies(
      { policy: p.reference, place: place(R1) },
      { policy: p.actual, place: place(R2) },
    );
    const dt = performance.now() - t;
    verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;
    if (r.verdict !== "equal") differing.push(dt);
  }
  return { ms: performance.now() - start, differing: differing.sort((a, b) => a - b), verdicts };
}

const q = (xs: number[], p: number): number =>
  xs[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;
run(true); // warm up the JIT
const cold = run(true);
run(false); // fills the cache
const warm = run(false);
console.log(`pairs: ${PAIRS}  verdicts: ${JSON.stringify(cold.verdicts)}`);
console.log(
  `cold: ${((PAIRS / cold.ms) * 1000).toFixed(0)} pairs/s; per differing pair p50 ${q(cold.differing, 0.5).toFixed(2)} ms, p99 ${q(cold.differing, 0.99).toFixed(2)} ms, max ${q(cold.differing, 1).toFixed(2)} ms`,
);
console.log(`cached: ${((PAIRS / warm.ms) * 1000).toFixed(0)} pairs/s`);
