import { createServer, type Server } from "node:http";
import { createFaultInjector, type FaultOptions } from "./faults/index";
import { handleRequest } from "./http/handle-request";
import { createSandbox, type Sandbox } from "./sandbox";
import type { WorldManifest } from "./types";
import { worlds, type WorldName } from "./worlds/index";

export interface SandboxServerOptions {
  port: number;
  host?: string;
  world: WorldName;
  seed?: number;
  keys?: number;
  /** `org` world: member accounts, and customer keys per account. */
  accounts?: number;
  keysPerAccount?: number;
  /** The end of the world's history. When given, the sandbox clock runs from it (real `Date` headers stay real). */
  anchor?: Date;
  readEvents?: number;
  defaultAccount?: string;
  accountMap?: Record<string, string>;
  faults?: Partial<FaultOptions>;
}

export interface SandboxServer {
  url: string;
  port: number;
  sandbox: Sandbox;
  manifest: WorldManifest;
  close(): Promise<void>;
}

const HOUR_MS = 3_600_000;

/** Builds the world, then serves KMS, CloudTrail and STS on one port (the Region comes from SigV4). */
export async function startSandboxServer(options: SandboxServerOptions): Promise<SandboxServer> {
  const startedAt = Date.now();
  const anchor = options.anchor ?? new Date(Math.floor(startedAt / HOUR_MS) * HOUR_MS);
  const anchorMs = anchor.getTime();
  const clock = options.anchor
    ? () => new Date(anchorMs + (Date.now() - startedAt))
    : () => new Date();
  const seed = options.seed ?? 1;
  const sandbox = createSandbox({
    seed,
    defaultAccount: options.defaultAccount,
    accountMap: options.accountMap,
    clock,
  });
  sandbox.setNotEnabledRegions(options.faults?.notEnabled ?? []);
  const manifest = worlds[options.world](sandbox, {
    seed,
    anchor,
    keys: options.keys,
    readEvents: options.readEvents,
    accounts: options.accounts,
    keysPerAccount: options.keysPerAccount,
  });
  const notEnabled = [
    ...new Set([...(options.faults?.notEnabled ?? []), ...manifest.notEnabledRegions]),
  ];
  sandbox.setNotEnabledRegions(notEnabled);
  const faults = createFaultInjector({
    latencyMs: options.faults?.latencyMs ?? 0,
    quotas: options.faults?.quotas ?? "off",
    quotaScale: options.faults?.quotaScale ?? 1,
    down: options.faults?.down ?? [],
    notEnabled,
    denied: options.faults?.denied ?? [],
  });
  const server = createServer((req, res) => {
    handleRequest({ sandbox, faults, manifest: () => manifest }, req, res).catch(() => {
      // Last resort: never let a request take the process down or leak a stack trace.
      if (!res.headersSent)
        res
          .writeHead(500, { "content-type": "application/json" })
          .end('{"__type":"InternalFailure"}');
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  server.on("clientError", (_error, socket) => socket.destroy());
  const host = options.host ?? "127.0.0.1";
  await listen(server, options.port, host);
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : options.port;
  return {
    url: `http://${host}:${port}`,
    port,
    sandbox,
    manifest,
    close: () => closeServer(server),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
