import { readFileSync } from "node:fs";
import path from "node:path";
import { ESLint, type Linter } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");

/**
 * One deliberate crossing per rule of the import-boundary table (ARCHITECTURE.md): a file that
 * would sit at `file` with `code` in it. Every rule needs one here (checked below).
 */
const CROSSINGS: { rule: string; file: string; code: string }[] = [
  {
    rule: "queue-carries-shards",
    file: "lib/queue/boundary-fixture.ts",
    code: 'import { ClientPool } from "../aws/client-pool";\nexport const c = ClientPool;\n',
  },
  {
    rule: "client-code",
    file: "components/overview/boundary-fixture.tsx",
    code: 'import type { SnapshotStore } from "@/lib/store/store-types";\nexport type S = SnapshotStore;\n',
  },
  {
    rule: "lib-below-ui",
    file: "lib/report/boundary-fixture.ts",
    code: 'import { cn } from "../../components/ui/cn";\nexport const c = cn;\n',
  },
  {
    rule: "inventory-reads-only",
    file: "lib/inventory/boundary-fixture.ts",
    code: 'import { planFamilies } from "../drift/families";\nexport const p = planFamilies;\n',
  },
  {
    rule: "no-sandbox-in-product",
    file: "lib/scan/boundary-fixture.ts",
    code: 'import { startSandboxServer } from "../sandbox/server";\nexport const s = startSandboxServer;\n',
  },
  {
    rule: "pure-judgement",
    file: "lib/drift/boundary-fixture.ts",
    code: 'import { openStore } from "../store/store";\nexport const o = openStore;\n',
  },
  {
    rule: "policy-below-drift",
    file: "lib/policy/boundary-fixture.ts",
    code: 'import { detectFindings } from "../drift/detect-findings";\nexport const d = detectFindings;\n',
  },
  {
    rule: "domain-is-the-vocabulary",
    file: "lib/domain/boundary-fixture.ts",
    code: 'import { comparePolicies } from "../policy/compare";\nexport const c = comparePolicies;\n',
  },
  {
    rule: "store-keeps",
    file: "lib/store/boundary-fixture.ts",
    code: 'import { createBundle } from "../report/bundle";\nexport const b = createBundle;\n',
  },
  {
    rule: "pure-views",
    file: "lib/views/boundary-fixture.ts",
    code: 'import type { SnapshotStore } from "../store/store-types";\nexport type S = SnapshotStore;\n',
  },
  {
    rule: "history-below-views",
    file: "lib/history/boundary-fixture.ts",
    code: 'import type { FamilyMatrix } from "../views/family-matrix-types";\nexport type M = FamilyMatrix;\n',
  },
  {
    rule: "aws-is-the-wire",
    file: "lib/aws/boundary-fixture.ts",
    code: 'import { listRegion } from "../inventory/list-region";\nexport const l = listRegion;\n',
  },
  {
    rule: "trail-reads-only",
    file: "lib/trail/boundary-fixture.ts",
    code: 'import { detectFindings } from "../drift/detect-findings";\nexport const d = detectFindings;\n',
  },
  {
    rule: "sandbox-stands-alone",
    file: "lib/sandbox/boundary-fixture.ts",
    code: 'import { canonicalJson } from "../domain/canonical-json";\nexport const c = canonicalJson;\n',
  },
  {
    rule: "http-gate-stands-alone",
    file: "lib/http/boundary-fixture.ts",
    code: 'import { openStore } from "../store/store";\nexport const o = openStore;\n',
  },
  {
    rule: "env-reads-settings",
    file: "lib/env/boundary-fixture.ts",
    code: 'import { loadConfig } from "../config";\nexport const l = loadConfig;\n',
  },
  {
    rule: "server-glue-on-top",
    file: "lib/report/boundary-fixture.ts",
    code: 'import { getStore } from "../server/store";\nexport const g = getStore;\n',
  },
  {
    rule: "scans-start-on-top",
    file: "lib/notify/boundary-fixture.ts",
    code: 'import { runScan } from "../scan/run-scan";\nexport const r = runScan;\n',
  },
];

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

async function messagesFor(file: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result?.messages ?? [];
}

/** The rule ids of the import-boundary zones the lint config holds, from its messages. */
async function configuredRuleIds(): Promise<string[]> {
  const config = (await eslint.calculateConfigForFile(path.join(ROOT, "lib/scan/run-scan.ts"))) as {
    rules: Record<string, [unknown, { zones: { message: string }[] }]>;
  };
  const rule = config.rules["import/no-restricted-paths"];
  if (!rule) throw new Error("import/no-restricted-paths is not configured");
  return rule[1].zones.map((zone) => /^\[([a-z-]+)\]/.exec(zone.message)?.[1] ?? zone.message);
}

describe("the import-boundary lint", () => {
  it.each(CROSSINGS)("fails a deliberate $rule crossing ($file)", async ({ rule, file, code }) => {
    const messages = await messagesFor(file, code);
    const crossings = messages.filter((m) => m.ruleId === "import/no-restricted-paths");
    expect(crossings.map((m) => /\[([a-z-]+)\]/.exec(m.message)?.[1])).toContain(rule);
  });

  it("has a crossing above for every configured rule, and every rule in ARCHITECTURE.md's table", async () => {
    const ids = await configuredRuleIds();
    expect(ids.length).toBe(CROSSINGS.length);
    expect([...ids].sort()).toEqual([...new Set(CROSSINGS.map((c) => c.rule))].sort());
    const architecture = readFileSync(path.join(ROOT, "ARCHITECTURE.md"), "utf8");
    expect(ids.filter((id) => !architecture.includes(`| \`${id}\``))).toEqual([]);
  });

  it("keeps I/O, AWS and the database out of the pure modules", async () => {
    const messages = await messagesFor(
      "lib/drift/boundary-fixture.ts",
      'import { readFileSync } from "node:fs";\nimport { KMSClient } from "@aws-sdk/client-kms";\nexport const r = [readFileSync, KMSClient];\n',
    );
    expect(messages.filter((m) => m.ruleId === "no-restricted-imports")).toHaveLength(2);
  });

  it("lets only lib/server import server-only", async () => {
    const code = 'import "server-only";\n';
    const outside = await messagesFor("lib/report/boundary-fixture.ts", code);
    expect(outside.map((m) => m.ruleId)).toContain("no-restricted-imports");
    const inside = await messagesFor("lib/server/boundary-fixture.ts", code);
    expect(inside.map((m) => m.ruleId)).not.toContain("no-restricted-imports");
  });

  it("passes the files that crossed before (inventory types, the changes view, the matrix query)", async () => {
    const files = [
      "lib/inventory/list-region.ts",
      "lib/inventory/read-key.ts",
      "lib/inventory/read-region.ts",
      "components/snapshots/changes-view.tsx",
      "lib/server/families-query.ts",
      "lib/history/compare.ts",
      "lib/sandbox/state/model.ts",
    ];
    const results = await eslint.lintFiles(files.map((f) => path.join(ROOT, f)));
    const boundary = results.flatMap((r) =>
      r.messages
        .filter((m) => m.ruleId === "import/no-restricted-paths")
        .map((m) => `${path.relative(ROOT, r.filePath)}: ${m.message}`),
    );
    expect(boundary).toEqual([]);
  });
});
