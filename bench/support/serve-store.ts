import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** A live process's peak RSS (VmHWM) in MB; undefined once it has exited. */
export function peakRssMb(pid: number | string | undefined): number | undefined {
  try {
    const status = readFileSync(`/proc/${String(pid)}/status`, "utf8");
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kb === undefined ? undefined : Math.round(Number(kb) / 1024);
  } catch {
    return undefined;
  }
}

/** The largest peak RSS of the processes in one process group (a dashboard and its children), in MB. */
export function groupPeakRssMb(groupId: number): number | undefined {
  let peak: number | undefined;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 5 of /proc/<pid>/stat is the process group; the name (field 2) may hold spaces.
      const stat = readFileSync(path.join("/proc", entry, "stat"), "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) !== groupId) continue;
    } catch {
      continue; // the process ended while it was read
    }
    const mb = peakRssMb(entry);
    if (mb !== undefined) peak = Math.max(peak ?? 0, mb);
  }
  return peak;
}

export interface ServedStore {
  url: string;
  peakRssMb(): number | undefined;
  close(): void;
}

/**
 * `scripts/start.ts` (builds when the sources changed) serving the store in `dataDir`, with no
 * sandbox (KMS_DRIFT_SOURCE=aws), no scan at start and no schedule: it only shows what is stored.
 */
export async function serveStore(
  root: string,
  dataDir: string,
  port: number,
): Promise<ServedStore> {
  const url = `http://127.0.0.1:${port}`;
  const server = spawn("npx", ["tsx", "scripts/start.ts"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
    env: {
      ...process.env,
      PORT: String(port),
      KMS_DRIFT_SOURCE: "aws",
      KMS_DRIFT_DATA_DIR: dataDir,
      KMS_DRIFT_SCAN_ON_START: "0",
      KMS_DRIFT_SCHEDULE: "off",
    },
  });
  const groupId = server.pid;
  const close = () => {
    if (groupId !== undefined) process.kill(-groupId, "SIGTERM");
  };
  const until = Date.now() + 300_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the dashboard exited with ${server.exitCode}`);
    const up = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > until) {
      close();
      throw new Error("the dashboard did not answer /api/health within 5 minutes");
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  return {
    url,
    peakRssMb: () => (groupId === undefined ? undefined : groupPeakRssMb(groupId)),
    close,
  };
}
