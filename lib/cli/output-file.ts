import { constants } from "node:fs";
import { access, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "./io";

/**
 * Fails now, not after a scan of many minutes, when `--out FILE` cannot be written: its directory
 * must exist and be writable, and FILE must not be a directory. (The file is written beside and
 * renamed into place, so the directory is what needs write access.)
 */
export async function assertWritableOutput(file: string, flag = "--out"): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const target = await stat(file).catch(() => undefined);
  if (target?.isDirectory()) throw new UsageError(`${flag} ${file}: is a directory`);
  const parent = await stat(dir).catch(() => undefined);
  if (parent === undefined)
    throw new UsageError(`${flag} ${file}: directory ${dir} does not exist`);
  if (!parent.isDirectory()) throw new UsageError(`${flag} ${file}: ${dir} is not a directory`);
  try {
    await access(dir, constants.W_OK);
  } catch {
    throw new UsageError(`${flag} ${file}: directory ${dir} is not writable`);
  }
}

/** Written beside the target and renamed, so a reader never sees half a file. */
export async function writeOutputFile(
  file: string,
  text: string | Iterable<string> | AsyncIterable<Uint8Array>,
): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(temp, text, "utf8");
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
