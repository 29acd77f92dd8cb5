/**
 * `npm start`: build when the sources are newer than the last build, start the sandbox (demo world)
 * on a free loopback port unless KMS_DRIFT_SOURCE=aws, then serve the dashboard (scripts/serve.ts:
 * Next.js behind the Host, path and method gate) pointed at it. The dashboard takes its first snapshot itself when the store has none.
 */
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { bindingProblem } from "../lib/http/access-env";
import { startSandboxServer } from "../lib/sandbox/server";
import { needsBuild } from "./needs-build";
import { fail, listenEnv, readEnvOrExit } from "./script-env";

const root = path.resolve(__dirname, "..");

const envSchema = z.object({
  ...listenEnv,
  KMS_DRIFT_SOURCE: z.enum(["sandbox", "aws"]).default("sandbox"),
  KMS_DRIFT_SANDBOX_WORLD: z.enum(["demo", "empty", "large"]).default("demo"),
  KMS_DRIFT_SANDBOX_SEED: z.coerce.number().int().min(0).default(1),
  KMS_DRIFT_SANDBOX_KEYS: z.coerce.number().int().min(1).max(100_000).optional(),
  KMS_DRIFT_DATA_DIR: z.string().min(1).default(path.join(root, "data")),
  KMS_DRIFT_FRESH_DATA: z.enum(["0", "1"]).default("0"),
});

async function main(): Promise<void> {
  const env = readEnvOrExit(envSchema);
  // Before a minute of building: a public bind without authentication or Host names never serves.
  const problem = bindingProblem();
  if (problem) fail(problem);

  if (needsBuild(root)) {
    console.log("kms-drift: building the dashboard (first start or sources changed)…");
    const build = spawnSync("npx", ["next", "build"], {
      cwd: root,
      stdio: "inherit",
      env: process.env,
    });
    if (build.status !== 0) fail("the build failed; see the output above");
  }
  if (env.KMS_DRIFT_FRESH_DATA === "1")
    rmSync(env.KMS_DRIFT_DATA_DIR, { recursive: true, force: true });

  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: env.HOST,
    KMS_DRIFT_SOURCE: env.KMS_DRIFT_SOURCE,
    KMS_DRIFT_DATA_DIR: env.KMS_DRIFT_DATA_DIR,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
  let closeSandbox = async (): Promise<void> => {};
  if (env.KMS_DRIFT_SOURCE === "sandbox") {
    const sandbox = await startSandboxServer({
      port: 0,
      world: env.KMS_DRIFT_SANDBOX_WORLD,
      seed: env.KMS_DRIFT_SANDBOX_SEED,
      keys: env.KMS_DRIFT_SANDBOX_KEYS,
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
    if (env.KMS_DRIFT_SANDBOX_WORLD === "demo") {
      childEnv.KMS_DRIFT_CONFIG ??= path.join(root, "lib/sandbox/worlds/demo.config.json");
    }
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
