import type { Snapshot } from "../domain/snapshot";
import type { JsonPath, Replacement } from "./storable-json";

/** Past this many places the notes end with a count: one odd tag copied into many keys stays short. */
export const MAX_STORAGE_NOTES = 50;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function renderPath(path: JsonPath): string {
  return path
    .map((segment, index) => {
      if (typeof segment === "number") return `[${segment}]`;
      if (IDENTIFIER.test(segment)) return index === 0 ? segment : `.${segment}`;
      return `[${JSON.stringify(segment)}]`;
    })
    .join("");
}

/** The snapshot entry a path falls in, named the way a reader finds it, and the rest of the path. */
function locate(snapshot: Snapshot, path: JsonPath): { where: string; rest: JsonPath } {
  const [section, index, ...rest] = path;
  if (typeof index === "number") {
    if (section === "keys") {
      const key = snapshot.keys[index];
      if (key) return { where: `key ${key.arn}`, rest };
    }
    if (section === "findings") {
      const finding = snapshot.findings[index];
      if (finding) return { where: `finding ${finding.id}`, rest };
    }
    if (section === "families") {
      const family = snapshot.families[index];
      if (family) return { where: `family ${family.id}`, rest };
    }
    if (section === "events") {
      const event = snapshot.events[index];
      if (event) return { where: `CloudTrail event ${event.eventId}`, rest };
    }
    if (section === "regions") {
      const region = snapshot.regions[index];
      if (region) return { where: `region ${region.account}/${region.region}`, rest };
    }
  }
  return { where: "snapshot", rest: path };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function describeOne(snapshot: Snapshot, replacement: Replacement): string {
  const { where, rest } = locate(snapshot, replacement.path);
  const field =
    rest.length > 0 ? `, ${renderPath(rest)}${replacement.inName ? " (its name)" : ""}` : "";
  const what = [
    replacement.loneSurrogates > 0 ? plural(replacement.loneSurrogates, "lone surrogate") : "",
    replacement.nulCharacters > 0 ? plural(replacement.nulCharacters, "NUL character") : "",
  ]
    .filter(Boolean)
    .join(" and ");
  return `${where}${field}: ${what} replaced with U+FFFD`;
}

/**
 * One line per place where the store could not keep a string as scanned, e.g.
 * `key arn:aws:kms:…, metadata.Description: 1 lone surrogate replaced with U+FFFD`.
 * `snapshot` is the stored (already replaced) snapshot the paths point into.
 */
export function describeReplacements(snapshot: Snapshot, replacements: Replacement[]): string[] {
  const notes = replacements
    .slice(0, MAX_STORAGE_NOTES)
    .map((replacement) => describeOne(snapshot, replacement));
  const more = replacements.length - notes.length;
  if (more > 0)
    notes.push(`…and ${plural(more, "more place")} where characters were replaced with U+FFFD`);
  return notes;
}
