import { writeFileSync } from "node:fs";

/**
 * Preloaded into a benchmarked child (`node --import tsx --import ./bench/support/report-usage.ts
 * …`): when it exits, its own peak RSS and CPU time go to the file $KMS_DRIFT_BENCH_USAGE.
 */
const target = process.env.KMS_DRIFT_BENCH_USAGE;
if (target !== undefined) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    writeFileSync(
      target,
      JSON.stringify({
        maxRssKb: usage.maxRSS,
        cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000),
      }),
    );
  });
}
