import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";

const ROOT = path.resolve(__dirname, "..");

/** Permissive licences (MIT/Apache-2.0/BSD/ISC style) that the shipped product may depend on. */
const PERMISSIVE = new Set([
  "MIT",
  "MIT-0",
  "ISC",
  "0BSD",
  "BSD-2-Clause",
  "BSD-3-Clause",
  "Apache-2.0",
]);

/**
 * Production packages under another licence, each accepted for a stated reason. An entry names the
 * exact licence, so a package that changes its licence fails again.
 */
const ACCEPTED: readonly { name: RegExp; licence: string; reason: string }[] = [
  {
    name: /^caniuse-lite$/,
    licence: "CC-BY-4.0",
    reason: "browser-support data, not code (attribution only), that next depends on",
  },
  {
    // One package per platform: @img/sharp-libvips-linux-x64, -darwin-arm64, …
    name: /^@img\/sharp-libvips-[a-z0-9-]+$/,
    licence: "LGPL-3.0-or-later",
    reason:
      "prebuilt libvips, loaded at run time by sharp, an optional dependency of next for image " +
      "optimisation, which kms-drift does not use",
  },
];

const manifestSchema = z.looseObject({
  name: z.string(),
  version: z.string().optional(),
  license: z.union([z.string(), z.looseObject({ type: z.string() })]).optional(),
  licenses: z.array(z.looseObject({ type: z.string() })).optional(),
  dependencies: z.record(z.string(), z.string()).optional(),
  optionalDependencies: z.record(z.string(), z.string()).optional(),
  devDependencies: z.record(z.string(), z.string()).optional(),
  private: z.boolean().optional(),
});

type Manifest = z.infer<typeof manifestSchema>;

function readManifest(file: string): Manifest {
  return manifestSchema.parse(JSON.parse(readFileSync(file, "utf8")));
}

/** Node's lookup: `<dir>/node_modules/<name>`, then the same from each parent directory. */
function findPackage(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name, "package.json");
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The licence as an SPDX expression (`license`, or the old `licenses` array). */
function licenceOf(manifest: Manifest): string | undefined {
  const { license, licenses } = manifest;
  if (typeof license === "string") return license;
  if (license !== undefined) return license.type;
  if (licenses !== undefined && licenses.length > 0)
    return licenses.map((entry) => entry.type).join(" OR ");
  return undefined;
}

/** `MIT`, `(MIT OR Apache-2.0)`, `MIT AND ISC`, `Apache-2.0 WITH LLVM-exception`. */
function isPermissive(expression: string): boolean {
  const bare = expression.replace(/[()]/g, " ").trim();
  return bare
    .split(/\s+OR\s+/)
    .some((choice) =>
      choice
        .split(/\s+AND\s+/)
        .every((term) => PERMISSIVE.has(term.replace(/\s+WITH\s+.*$/, "").trim())),
    );
}

interface InstalledPackage {
  name: string;
  version: string;
  licence: string | undefined;
}

/**
 * Every installed package the product needs at run time: `dependencies` of package.json and,
 * transitively, their `dependencies` and the `optionalDependencies` installed on this machine.
 */
function productionPackages(): { packages: InstalledPackage[]; missing: string[] } {
  const seen = new Map<string, InstalledPackage>();
  const missing: string[] = [];
  const visit = (name: string, fromDir: string, optional: boolean, from: string): void => {
    const file = findPackage(name, fromDir);
    if (file === undefined) {
      if (!optional) missing.push(`${name} (needed by ${from})`);
      return;
    }
    if (seen.has(file)) return;
    const manifest = readManifest(file);
    seen.set(file, {
      name: manifest.name,
      version: manifest.version ?? "?",
      licence: licenceOf(manifest),
    });
    const dir = path.dirname(file);
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep, dir, false, name);
    for (const dep of Object.keys(manifest.optionalDependencies ?? {})) visit(dep, dir, true, name);
  };
  const root = readManifest(path.join(ROOT, "package.json"));
  for (const dep of Object.keys(root.dependencies ?? {})) visit(dep, ROOT, false, "kms-drift");
  return { packages: [...seen.values()], missing };
}

describe("licences", () => {
  it("kms-drift itself is Apache-2.0, with the licence text in LICENSE", () => {
    const root = readManifest(path.join(ROOT, "package.json"));
    expect(root.license).toBe("Apache-2.0");
    expect(root.private).toBe(true);
    const text = readFileSync(path.join(ROOT, "LICENSE"), "utf8");
    expect(text).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
    expect(text).toContain("END OF TERMS AND CONDITIONS");
    expect(text).toContain("Copyright 2026 kms-drift contributors");
  });

  it("every production dependency is under a permissive licence (or an accepted exception)", () => {
    const { packages, missing } = productionPackages();
    expect(missing).toEqual([]);
    expect(packages.length).toBeGreaterThan(50);
    const refused = packages
      .filter((pkg) => {
        if (pkg.licence !== undefined && isPermissive(pkg.licence)) return false;
        return !ACCEPTED.some(
          (entry) => entry.name.test(pkg.name) && entry.licence === pkg.licence,
        );
      })
      .map((pkg) => `${pkg.name}@${pkg.version}: ${pkg.licence ?? "no licence field"}`);
    expect(refused).toEqual([]);
  });

  it("reads SPDX expressions the way npm writes them", () => {
    expect(isPermissive("MIT")).toBe(true);
    expect(isPermissive("(MIT OR Apache-2.0)")).toBe(true);
    expect(isPermissive("MIT AND ISC AND BSD-3-Clause")).toBe(true);
    expect(isPermissive("Apache-2.0 WITH LLVM-exception")).toBe(true);
    expect(isPermissive("(GPL-3.0-only OR MIT)")).toBe(true);
    expect(isPermissive("MIT AND AGPL-3.0-only")).toBe(false);
    expect(isPermissive("AGPL-3.0-or-later")).toBe(false);
    expect(isPermissive("LGPL-3.0-or-later")).toBe(false);
    expect(isPermissive("UNLICENSED")).toBe(false);
  });
});
