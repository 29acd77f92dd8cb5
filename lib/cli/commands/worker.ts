import { ENV, readEnv } from "../../env/env";
import { startShardWorker } from "../../scan/shard-worker";
import { safeLine } from "../error-text";
import { WORKER_HELP } from "../help";
import { EXIT_OK, type CliIo } from "../io";
import { queueUnreachable, requireQueueDatabase } from "../queue-target";
import { parseWorkerArgs } from "../worker-args";

function nextStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off("SIGTERM", stop);
      process.off("SIGINT", stop);
      resolve(signal);
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
  });
}

/** `kms-drift worker`: takes shards until SIGTERM/SIGINT, then drains and exits 0. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const flags = parseWorkerArgs(argv);
  if (flags.help) {
    io.stdout.write(WORKER_HELP);
    return EXIT_OK;
  }
  const databaseUrl = requireQueueDatabase(readEnv(ENV.cli, io.env), "worker");
  const stopped = nextStopSignal();
  const log = (line: string) => io.stderr.write(`kms-drift worker: ${safeLine(line)}\n`);
  let worker;
  try {
    worker = await startShardWorker({
      databaseUrl,
      concurrency: flags.concurrency,
      ...(flags.endpoint !== undefined ? { endpoint: flags.endpoint } : {}),
      ...(flags.profile !== undefined ? { profile: flags.profile } : {}),
      log,
    });
  } catch (error) {
    throw queueUnreachable(error);
  }
  log(
    `${worker.id} taking shards, ${flags.concurrency} at a time (SIGTERM finishes them and stops)`,
  );
  const signal = await stopped;
  log(`${signal}: finishing the shards in hand (up to ${Math.round(flags.drainMs / 1000)}s)`);
  await worker.stop(flags.drainMs);
  log("stopped");
  return EXIT_OK;
}
