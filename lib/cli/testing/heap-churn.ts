import { getHeapStatistics } from "node:v8";
import { boundHeapGrowth } from "../heap-growth";

/*
 * Run as `node --expose-gc --import tsx lib/cli/testing/heap-churn.ts`: a scan's memory pattern in
 * small — a live set that stays (the keys read) and a stream of objects that live long enough to be
 * promoted to the old space and then die (requests in flight). Prints the largest heap V8 reserved
 * and the live set after a full collection, as JSON.
 */
boundHeapGrowth(process.execArgv);

const record = (i: number) => ({ id: `key-${i}`, tags: { n: String(i) }, list: [i, i + 1, i + 2] });
const live: unknown[] = [];
for (let i = 0; i < 400_000; i++) live.push(record(i));

let maxTotal = 0;
const inFlight: unknown[] = new Array(50_000);
for (let i = 0; i < 3_000_000; i++) {
  inFlight[i % inFlight.length] = record(i);
  if (i % 10_000 === 0) maxTotal = Math.max(maxTotal, getHeapStatistics().total_heap_size);
}
const collect = (globalThis as { gc?: () => void }).gc;
collect?.();
process.stdout.write(
  JSON.stringify({
    liveBytes: getHeapStatistics().used_heap_size,
    maxTotalBytes: maxTotal,
    kept: live.length + inFlight.length,
  }),
);
