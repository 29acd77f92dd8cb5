/**
 * `npm test`: every suite in order (lint, typecheck, unit + integration, e2e), each judged by its own
 * report, then one closing line `N passed, N failed` summed over all of them — the line CI reads.
 * A suite that leaves no report counts as one failure.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

interface Tally {
  suite: string;
  passed: number;
  failed: number;
}

const root = path.resolve(__dirname, "..");
const reports = path.join(root, "reports");
const env = {
  ...process.env,
  NO_COLOR: "1",
  FORCE_COLOR: "0",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
};
const only = new Set(process.argv.slice(2));

function run(command: string, args: string[]): number {
  const result = spawnSync(command, args, { cwd: root, env, stdio: "inherit" });
  return result.status ?? 1;
}

function check(suite: string, command: string, args: string[]): Tally {
  const status = run(command, args);
  return { suite, passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1 };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

function vitest(): Tally {
  const file = path.join(reports, "vitest.json");
  const status = run("npx", [
    "vitest",
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${file}`,
  ]);
  const report = readJson(file) as { numPassedTests?: number; numFailedTests?: number } | undefined;
  if (!report || typeof report.numPassedTests !== "number")
    return { suite: "vitest", passed: 0, failed: 1 };
  const failed = (report.numFailedTests ?? 0) + (status !== 0 && !report.numFailedTests ? 1 : 0);
  return { suite: "vitest", passed: report.numPassedTests, failed };
}

function playwright(): Tally {
  const file = path.join(reports, "playwright.json");
  const status = spawnSync("npx", ["playwright", "test", "--reporter=list,json"], {
    cwd: root,
    env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: file },
    stdio: "inherit",
  }).status;
  const report = readJson(file) as
    { stats?: { expected?: number; unexpected?: number; flaky?: number } } | undefined;
  if (!report?.stats) return { suite: "e2e", passed: 0, failed: 1 };
  const failed =
    (report.stats.unexpected ?? 0) + (status !== 0 && !report.stats.unexpected ? 1 : 0);
  return { suite: "e2e", passed: (report.stats.expected ?? 0) + (report.stats.flaky ?? 0), failed };
}

const suites: [string, () => Tally][] = [
  ["lint", () => check("lint", "npx", ["eslint", "."])],
  ["format", () => check("format", "npx", ["prettier", "--check", "."])],
  ["typecheck", () => check("typecheck", "npx", ["tsc", "--noEmit", "-p", "."])],
  ["vitest", vitest],
  ["e2e", playwright],
];

rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const tallies: Tally[] = [];
for (const [name, runSuite] of suites) {
  if (only.size > 0 && !only.has(name)) continue;
  console.log(`\n=== ${name} ===`);
  tallies.push(runSuite());
}
console.log("\nsuite       passed  failed");
for (const t of tallies)
  console.log(
    `${t.suite.padEnd(10)} ${String(t.passed).padStart(7)} ${String(t.failed).padStart(7)}`,
  );
const passed = tallies.reduce((n, t) => n + t.passed, 0);
const failed = tallies.reduce((n, t) => n + t.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
