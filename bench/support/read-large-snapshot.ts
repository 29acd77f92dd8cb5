import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";

/** Top-level arrays whose elements are kept (through `keep`) or only counted. */
export type ElementKeeper = (element: unknown) => unknown;

/**
 * A `scan` snapshot JSON too large to be one string (V8 refuses strings over 2^29 characters; a
 * 200 × 500 Organization's is 560 MB), read line by line in the layout `scan` writes it: members
 * of the top object indented 2 spaces, array elements 4. Each element of a top-level array is
 * parsed on its own and passed through `keepers[member]`; an array without a keeper keeps one
 * `null` per element (its length), and `skip` members are left out.
 */
export async function readLargeSnapshot(
  file: string,
  keepers: Record<string, ElementKeeper>,
  skip: readonly string[],
): Promise<Record<string, unknown>> {
  const result: Record<string, unknown> = {};
  let member: string | undefined;
  let scalar: string[] = [];
  let elements: unknown[] | undefined;
  let element: string[] = [];
  const closeMember = () => {
    if (member !== undefined && elements === undefined && !skip.includes(member))
      result[member] = JSON.parse(scalar.join("\n").replace(/,$/, "")) as unknown;
    member = undefined;
    scalar = [];
    elements = undefined;
  };
  for await (const line of createInterface({ input: createReadStream(file, "utf8") })) {
    const opened = /^ {2}"([^"]+)": (.*)$/.exec(line);
    if (opened !== null) {
      closeMember();
      member = opened[1] ?? "";
      const rest = opened[2] ?? "";
      if (rest === "[") {
        elements = [];
        result[member] = elements;
      } else scalar = [rest];
      continue;
    }
    if (member === undefined) continue;
    if (elements === undefined) {
      if (line !== "}") scalar.push(line);
      continue;
    }
    if (line === "  ]" || line === "  ],") continue;
    element.push(line);
    // An element ends on a line indented 4 that opens nothing.
    if (/^ {4}\S/.test(line) && !/[[{]$/.test(line)) {
      const name = member;
      if (skip.includes(name)) elements.push(null);
      else {
        const parsed = JSON.parse(element.join("\n").replace(/,$/, "")) as unknown;
        const keep = keepers[name];
        elements.push(keep === undefined ? null : keep(parsed));
      }
      element = [];
    }
  }
  closeMember();
  return result;
}
