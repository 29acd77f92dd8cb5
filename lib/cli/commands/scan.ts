import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { defaultConfig, loadConfig, type KmsDriftConfig } from "../../config";
import { ENV, readEnv, type EnvOf } from "../../env/env";
import type { Snapshot } from "../../domain/snapshot";
import { nothingReadMessage } from "../../domain/snapshot-status";
import { neutraliseControlChars } from "../../report/control-chars";
import { safeJsonChunks } from "../../report/safe-json-chunks";
import { findingsToCsv } from "../../report/csv";
import { applyOrganizationFlags } from "../../domain/organization-config";
import { runScan } from "../../scan/run-scan";
import { runDistributedScan } from "../../scan/queue-waves";
import type { ScanOptions, ScanProgress } from "../../scan/types";
import { openQueueOrExplain, requireQueueDatabase, shardLease } from "../queue-target";
import { formatTable } from "../format-table";
import { SCAN_HELP } from "../help";
import { EXIT_OK, UsageError, type CliIo } from "../io";
import { assertWritableOutput, writeOutputFile } from "../output-file";
import { batchChunks, writeChunks } from "../write-chunks";
import { DEFAULT_NOTIFY_WAIT_MS, notifyAfterSave } from "../notify-after-save";
import { createProgressReporter } from "../progress-reporter";
import { claimSaveTarget, openForSave, saveScan, type SaveTarget } from "../save-target";
import { collectGarbage } from "../collect-garbage";
import { decideScanOutcome } from "../scan-outcome";
import { describeSkippedAccounts } from "../skipped-accounts";
import { parseScanArgs, type ScanFlags } from "../scan-args";

const DEFAULT_CONFIG_FILE = "kms-drift.config.json";

type CliEnv = EnvOf<"cli">;

/** `--config`, else $KMS_DRIFT_CONFIG, else ./kms-drift.config.json when it exists. */
async function resolveConfig(
  flags: ScanFlags,
  env: CliEnv,
): Promise<{ config: KmsDriftConfig; file?: string }> {
  const file =
    flags.config ??
    env.KMS_DRIFT_CONFIG ??
    (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined);
  if (file === undefined) return { config: defaultConfig() };
  return { config: await loadConfig(resolve(file)), file };
}

/** The same scan with its (account, region) work done by `kms-drift worker` processes. */
function onWorkers(env: CliEnv) {
  return async (
    options: ScanOptions,
    onProgress?: (event: ScanProgress) => void,
  ): Promise<Snapshot> => {
    const queue = await openQueueOrExplain(requireQueueDatabase(env, "scan --distributed"));
    try {
      return await runDistributedScan(queue, { ...options, lease: shardLease(env) }, onProgress);
    } finally {
      await queue.close();
    }
  };
}

/** JSON comes in pieces: a large Organization's snapshot is more than one string may hold. */
function* render(snapshot: Snapshot, format: ScanFlags["format"]): Generator<string> {
  if (format === "table") yield formatTable(snapshot);
  else if (format === "csv") yield findingsToCsv(snapshot);
  else {
    yield* safeJsonChunks(snapshot);
    yield "\n";
  }
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const flags = parseScanArgs(argv);
  if (flags.help) {
    io.stdout.write(SCAN_HELP);
    return EXIT_OK;
  }
  // Every variable the scan reads, before any AWS call or store access.
  const env = readEnv(ENV.cli, io.env);
  if (flags.distributed) requireQueueDatabase(env, "scan --distributed");
  if (flags.out !== undefined) await assertWritableOutput(flags.out);
  // With --save the previous snapshot sets the default CloudTrail window and carries its events;
  // the store stays claimed (PGlite: locked, not open) until the snapshot is saved.
  const target = flags.save ? await claimSaveTarget(io.env) : undefined;
  try {
    return await scanAndReport(flags, io, env, target);
  } finally {
    await target?.release();
  }
}

async function scanAndReport(
  flags: ScanFlags,
  io: CliIo,
  env: CliEnv,
  target: SaveTarget | undefined,
): Promise<number> {
  const previous = target?.previous ?? null;
  const resolved = await resolveConfig(flags, env);
  const file = resolved.file;
  const config = applyOrganizationFlags(resolved.config, {
    org: flags.org,
    ...(flags["org-role"] !== undefined ? { orgRole: flags["org-role"] } : {}),
  });
  const progress = flags.quiet ? undefined : createProgressReporter(io.stderr, io.isTTY);
  let snapshot: Snapshot;
  try {
    snapshot = await (flags.distributed ? onWorkers(env) : runScan)(
      {
        ...(flags.regions !== undefined ? { regions: flags.regions } : {}),
        ...(flags.endpoint !== undefined ? { endpoint: flags.endpoint } : {}),
        ...(flags.profile !== undefined ? { profile: flags.profile } : {}),
        ...(flags.since !== undefined ? { since: flags.since } : {}),
        ...(flags.timeoutMs !== undefined ? { timeoutMs: flags.timeoutMs } : {}),
        ...(flags.concurrency !== undefined ? { concurrencyPerRegion: flags.concurrency } : {}),
        ...(file !== undefined ? { configFile: file } : {}),
        config,
        trail: !flags["no-trail"],
        ...(previous ? { previous } : {}),
        env: io.env,
      },
      progress?.report,
    );
  } finally {
    progress?.finish();
  }
  const outcome = decideScanOutcome(snapshot, flags["fail-on"]);
  if (outcome.kind === "nothing-read") throw new UsageError(nothingReadMessage(outcome.reason));
  const output = render(snapshot, flags.format);
  if (flags.out !== undefined) await writeOutputFile(flags.out, batchChunks(output));
  else await writeChunks(io.stdout, output);
  if (target) {
    // The output's pieces are garbage now: collected before PGlite opens, not on top of it.
    await collectGarbage();
    const store = await openForSave(target, snapshot);
    try {
      const saved = await saveScan(store, snapshot, io, flags.quiet);
      if (config.notify)
        await notifyAfterSave(
          {
            store,
            snapshot,
            changes: saved.changes,
            config: config.notify,
            waitMs: flags.notifyWaitMs ?? DEFAULT_NOTIFY_WAIT_MS,
            quiet: flags.quiet,
          },
          io,
        );
    } finally {
      await store.close();
    }
  }
  const skipped = describeSkippedAccounts(snapshot.accountScans ?? []);
  if (skipped !== undefined && !flags.quiet)
    io.stderr.write(`kms-drift: ${neutraliseControlChars(skipped)}\n`);
  if (outcome.warning !== undefined) io.stderr.write(`kms-drift: ${outcome.warning}\n`);
  return outcome.exitCode;
}
