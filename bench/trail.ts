/**
 * CloudTrail attribution bench: LookupEvents requests, events collected and wall time over the
 * sandbox demo world, with and without 50,000 extra read events. Prints figures, asserts nothing.
 * Run: npx tsx bench/trail.ts
 */
import { startSandboxServer } from "../lib/sandbox/server";
import { attributeFindings } from "../lib/trail/attribute";
import {
  collectSandboxTrail,
  fetchCallLog,
  findingFromDrift,
  summarizeLookupCalls,
} from "../lib/sandbox/testing/sandbox-trail";
import { resolveTrailWindow } from "../lib/trail/window";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const SEED = 7;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

async function benchWorld(readEvents: number): Promise<void> {
  const buildStarted = Date.now();
  const server = await startSandboxServer({ port: 0, world: "demo", seed: SEED, readEvents });
  const buildMs = Date.now() - buildStarted;
  try {
    const window = resolveTrailWindow({ now: new Date() });
    const run = await collectSandboxTrail(server.url, server.manifest, window);
    const calls = summarizeLookupCalls(await fetchCallLog(server.url));
    const lookups = run.runs.map((r) => r.lookups);
    const maxLookups = Math.max(...lookups);
    const slowest = Math.max(...run.runs.map((r) => r.wallMs));
    const attributeStarted = performance.now();
    const findings = attributeFindings(
      server.manifest.drifts.map(findingFromDrift),
      run.events,
      [],
      run.coverage,
    );
    const attributeMs = performance.now() - attributeStarted;
    const attributed = findings.filter((f) => f.attribution.length > 0).length;
    const stats = server.manifest.stats;
    console.log(
      `\n== demo world, seed ${SEED}, readEvents +${readEvents} (history: ${stats.managementCalls ?? "?"} management calls, ${stats.readEvents ?? "?"} read events; built in ${seconds(buildMs)})`,
    );
    console.log(
      `  (account, region) pairs        ${run.runs.length}, collected concurrently, one pacer each`,
    );
    console.log(
      `  LookupEvents requests          ${calls.total} in the call log (collector counted ${lookups.reduce((a, b) => a + b, 0)})`,
    );
    console.log(`  per region                     min ${Math.min(...lookups)}, max ${maxLookups}`);
    console.log(`  most in any 1 s, any region    ${calls.maxInAnySecond}`);
    console.log(`  KMS write events collected     ${run.events.length}`);
    console.log(
      `  malformed records skipped      ${run.runs.reduce((a, r) => a + r.malformed, 0)}`,
    );
    console.log(
      `  coverage                       ${[...new Set(run.runs.map((r) => r.coverage.status))].join(", ")}`,
    );
    console.log(
      `  wall time (all regions)        ${seconds(run.wallMs)}; slowest region ${seconds(slowest)}`,
    );
    console.log(
      `  2-per-second bound             ${seconds((maxLookups / 2) * 1000)} for the busiest region (lookups/2)`,
    );
    console.log(
      `  attribution (pure)             ${findings.length} planted findings, ${attributed} attributed, ${attributeMs.toFixed(1)} ms`,
    );
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  await benchWorld(0);
  await benchWorld(50_000);
}

void main();
