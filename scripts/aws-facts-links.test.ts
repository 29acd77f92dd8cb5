import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");
const FACTS = "docs/aws-facts.md";
const SKIPPED_DIRS = new Set([
  "node_modules",
  ".next",
  ".git",
  "data",
  "reports",
  "test-results",
  "playwright-report",
]);
const SOURCE_FILE = /\.(ts|tsx|mjs|js|md|json)$|^run$/;

function listSourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED_DIRS.has(entry.name)) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listSourceFiles(full);
    return SOURCE_FILE.test(entry.name) && entry.name !== "package-lock.json" ? [full] : [];
  });
}

/** The anchors GitHub gives the `##` headings of the facts page (they are written kebab-case). */
function factAnchors(): Set<string> {
  const text = readFileSync(path.join(ROOT, FACTS), "utf8");
  return new Set(
    [...text.matchAll(/^##\s+(.+)$/gm)].map((m) =>
      (m[1] ?? "")
        .trim()
        .toLowerCase()
        .replace(/[^a-z0-9 -]/g, "")
        .replace(/ /g, "-"),
    ),
  );
}

interface Hit {
  file: string;
  line: number;
  text: string;
}

function findAll(pattern: RegExp): Hit[] {
  const self = path.relative(ROOT, __filename);
  return listSourceFiles(ROOT).flatMap((full) => {
    const file = path.relative(ROOT, full);
    if (file === self) return [];
    return readFileSync(full, "utf8")
      .split("\n")
      .flatMap((text, index) =>
        [...text.matchAll(pattern)].map((m) => ({ file, line: index + 1, text: m[0] })),
      );
  });
}

describe("docs/aws-facts.md is the one home of the AWS facts", () => {
  it("every citation of it names a section that exists", () => {
    const anchors = factAnchors();
    const citations = findAll(/aws-facts\.md#([a-z0-9-]+)/g);
    expect(citations.length).toBeGreaterThan(30);
    const broken = citations
      .filter((hit) => !anchors.has(hit.text.slice("aws-facts.md#".length)))
      .map((hit) => `${hit.file}:${hit.line} ${hit.text}`);
    expect(broken).toEqual([]);
  });

  it("nothing in the repository points at the private notes it replaced", () => {
    const privateNote = ["AWS", "API.md"].join("-");
    const sharedDir = ["", "work", "shared"].join("/");
    const outside = findAll(new RegExp(`${privateNote}|${sharedDir}`, "g")).map(
      (hit) => `${hit.file}:${hit.line} ${hit.text}`,
    );
    expect(outside).toEqual([]);
  });
});
