import { randomUUID } from "node:crypto";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { z } from "zod";

/** Who holds a PGlite data directory: written beside the lock so that others can name it. */
export interface StoreHolder {
  pid: number;
  host: string;
  /** What the process is, e.g. "the dashboard" or "kms-drift scan --save". */
  role: string;
  /** ISO time the lock was taken. */
  since: string;
}

export const HOLDER_FILE = "kms-drift.holder.json";

/** The role the dashboard holds its store under (the CLI's export points users to it). */
export const DASHBOARD_ROLE = "the dashboard";

// Another process wrote this file: read it as untrusted input.
const holderSchema = z.object({
  pid: z.number().int().positive(),
  host: z.string().max(255),
  role: z.string().max(200),
  since: z.string().max(40),
});

export function currentHolder(role: string, now: Date = new Date()): StoreHolder {
  return { pid: process.pid, host: hostname(), role, since: now.toISOString() };
}

function holderPath(dataDir: string): string {
  return path.join(dataDir, HOLDER_FILE);
}

async function readHolderFile(file: string): Promise<StoreHolder | null> {
  try {
    const parsed = holderSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function readHolder(dataDir: string): Promise<StoreHolder | null> {
  return readHolderFile(holderPath(dataDir));
}

/** Written to a temporary name and renamed, so a reader sees the old record or the new one. */
export async function writeHolder(dataDir: string, holder: StoreHolder): Promise<void> {
  const temp = `${holderPath(dataDir)}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(holder)}\n`, "utf8");
  await rename(temp, holderPath(dataDir));
}

export function sameHolder(a: StoreHolder, b: StoreHolder): boolean {
  return a.pid === b.pid && a.host === b.host && a.since === b.since;
}

/** Removes the record only while it is still `holder`'s (a later holder's record stays). */
export async function removeHolder(dataDir: string, holder: StoreHolder): Promise<void> {
  const current = await readHolder(dataDir);
  if (current && sameHolder(current, holder)) await rm(holderPath(dataDir), { force: true });
}

/** A process on this host that no longer exists; a holder on another host is never judged dead. */
export function holderIsGone(holder: StoreHolder): boolean {
  if (holder.host !== hostname() || holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Takes the dead `holder`'s record out of the way by renaming it: a rename succeeds for one
 * process only, so of several processes finding the same dead holder at once, one wins and may
 * remove the lock. True when the record taken was that holder's.
 */
export async function claimDeadHolder(dataDir: string, holder: StoreHolder): Promise<boolean> {
  const claimed = `${holderPath(dataDir)}.${randomUUID()}.claimed`;
  try {
    await rename(holderPath(dataDir), claimed);
  } catch {
    return false;
  }
  const taken = await readHolderFile(claimed);
  if (taken && sameHolder(taken, holder)) {
    await rm(claimed, { force: true });
    return true;
  }
  // A new holder's record replaced the dead one meanwhile: put it back.
  await rename(claimed, holderPath(dataDir)).catch(() => undefined);
  return false;
}
