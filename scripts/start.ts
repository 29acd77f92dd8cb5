/**
 * `npm start`: build when the sources are newer than the last build, start the sandbox (demo world)
 * on a free loopback port unless KMS_DRIFT_SOURCE=aws, then serve the dashboard (scripts/serve.ts:
 * Next.js behind the Host, path and method gate) pointed at it. The dashboard takes its first snapshot itself when the store has none.
 */
import { spawn, spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import path from "node:path";
import { loadConfig } from "../lib/config";
import { ENV, parseEnv } from "../lib/env/env";
import { bindingProblem } from "../lib/http/access-env";
import { startSandboxServer } from "../lib/sandbox/server";
import { StoreLockedError, wipeDataDir } from "../lib/store/data-dir-lock";
import { needsBuild } from "./needs-build";
import { fail, readEnvOrExit } from "./script-env";

const root = path.resolve(__dirname, "..");

/** Every setting the dashboard will read, checked now: a bad one stops the start with one line. */
async function checkDashboardSettings(dataDir: string, configFile: string | undefined) {
  const dashboard = parseEnv(ENV.dashboard, process.env);
  if (!dashboard.ok) fail(dashboard.problem);
  if (!dashboard.env.DATABASE_URL) {
    const found = (() => {
      try {
        return statSync(dataDir);
      } catch {
        return undefined;
      }
    })();
    if (found !== undefined && !found.isDirectory())
      fail(`KMS_DRIFT_DATA_DIR ${dataDir} is not a directory`);
  }
  if (configFile !== undefined)
    await loadConfig(configFile).catch((error: unknown) =>
      fail(error instanceof Error ? error.message : String(error)),
    );
}

/** `KMS_DRIFT_FRESH_DATA=1`: never deletes a data directory another process is using. */
async function wipeOrExit(dataDir: string): Promise<void> {
  try {
    await wipeDataDir(dataDir, "npm start (KMS_DRIFT_FRESH_DATA=1)");
  } catch (error) {
    if (error instanceof StoreLockedError)
      fail(
        `KMS_DRIFT_FRESH_DATA=1: not deleting ${error.dataDir}: it is in use by ${error.holderText}; stop that process first`,
      );
    throw error;
  }
}

async function main(): Promise<void> {
  const env = readEnvOrExit(ENV.launcher);
  const dataDir = env.KMS_DRIFT_DATA_DIR ?? path.join(root, "data");
  const demo = env.KMS_DRIFT_SOURCE === "sandbox" && env.KMS_DRIFT_SANDBOX_WORLD === "demo";
  const configFile =
    env.KMS_DRIFT_CONFIG ??
    (demo ? path.join(root, "lib/sandbox/worlds/demo.config.json") : undefined);
  await checkDashboardSettings(dataDir, configFile);
  // Before a minute of building: a public bind without authentication or Host names never serves.
  const problem = bindingProblem();
  if (problem) fail(problem);
  if (env.KMS_DRIFT_FRESH_DATA === "1" && !env.DATABASE_URL) await wipeOrExit(dataDir);

  if (needsBuild(root)) {
    console.log("kms-drift: building the dashboard (first start or sources changed)…");
    const build = spawnSync("npx", ["next", "build"], {
      cwd: root,
      stdio: "inherit",
      env: process.env,
    });
    if (build.status !== 0) fail("the build failed; see the output above");
  }

  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: env.HOST,
    KMS_DRIFT_SOURCE: env.KMS_DRIFT_SOURCE,
    KMS_DRIFT_DATA_DIR: dataDir,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
  let closeSandbox = async (): Promise<void> => {};
  if (env.KMS_DRIFT_SOURCE === "sandbox") {
    const sandbox = await startSandboxServer({
      port: 0,
      world: env.KMS_DRIFT_SANDBOX_WORLD,
      seed: env.KMS_DRIFT_SANDBOX_SEED,
      keys: env.KMS_DRIFT_SANDBOX_KEYS,
      faults: { down: env.KMS_DRIFT_SANDBOX_DOWN ?? [] },
    });
    closeSandbox = sandbox.close;
    console.log(
      `kms-drift sandbox (${env.KMS_DRIFT_SANDBOX_WORLD} world) listening on ${sandbox.url}`,
    );
    Object.assign(childEnv, {
      AWS_ENDPOINT_URL: sandbox.url,
      AWS_ACCESS_KEY_ID: "AKIAKMSDRIFTSANDBOX",
      AWS_SECRET_ACCESS_KEY: "sandbox-secret",
      AWS_REGION: "us-east-1",
    });
    if (configFile !== undefined) childEnv.KMS_DRIFT_CONFIG = configFile;
    delete childEnv.AWS_PROFILE;
    delete childEnv.AWS_SESSION_TOKEN;
  }

  // tsx's CLI runs serve.ts in a child of its own and passes SIGINT/SIGTERM on to it.
  const next = spawn(process.execPath, [require.resolve("tsx/cli"), "scripts/serve.ts"], {
    cwd: root,
    stdio: "inherit",
    env: { ...childEnv, PORT: String(env.PORT), NODE_ENV: "production" },
  });
  console.log(
    `kms-drift dashboard on http://${env.HOST === "127.0.0.1" ? "localhost" : env.HOST}:${env.PORT}`,
  );
  const stop = (signal: NodeJS.Signals): void => {
    next.kill(signal);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  next.on("exit", (code) => {
    void closeSandbox().finally(() => process.exit(code ?? 0));
  });
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
