import { writeFileSync } from "node:fs";
import { getHeapStatistics } from "node:v8";

/**
 * Preloaded into a benchmarked child (`node --import tsx --import ./bench/support/report-usage.ts
 * …`): when it exits, its own peak RSS and CPU time go to the file $KMS_DRIFT_BENCH_USAGE, with
 * the largest JavaScript heap (used and reserved) sampled every 250 ms: RSS against heap tells live
 * data from garbage V8 kept and from memory outside the heap.
 */
const target = process.env.KMS_DRIFT_BENCH_USAGE;
if (target !== undefined) {
  let maxHeapUsed = 0;
  let maxHeapTotal = 0;
  const sample = () => {
    const heap = getHeapStatistics();
    maxHeapUsed = Math.max(maxHeapUsed, heap.used_heap_size);
    maxHeapTotal = Math.max(maxHeapTotal, heap.total_heap_size);
  };
  setInterval(sample, 250).unref();
  process.on("exit", () => {
    sample();
    const usage = process.resourceUsage();
    writeFileSync(
      target,
      JSON.stringify({
        maxRssKb: usage.maxRSS,
        cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000),
        maxHeapUsedMb: Math.round(maxHeapUsed / 2 ** 20),
        maxHeapTotalMb: Math.round(maxHeapTotal / 2 ** 20),
      }),
    );
  });
}
