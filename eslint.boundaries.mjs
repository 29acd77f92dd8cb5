// The architecture's "never" lines, one entry per row of the table in ARCHITECTURE.md
// ("Import boundaries"). eslint.config.mjs turns each into an `import/no-restricted-paths` zone
// (eslint-plugin-import, brought by eslint-config-next), checked on every import, types included,
// after the import is resolved to a file (so `@/lib/…`, relative paths and re-exports all count).

/** Every part of lib/, by folder, and the one top-level module. */
const LIB_PARTS = [
  "aws",
  "cli",
  "domain",
  "drift",
  "env",
  "history",
  "http",
  "inventory",
  "notify",
  "policy",
  "queue",
  "report",
  "sandbox",
  "scan",
  "server",
  "store",
  "trail",
  "views",
];

/** Globs for the named lib parts; `config` is lib/config.ts. */
export function lib(...parts) {
  return parts.map((part) => (part === "config" ? "lib/config.{ts,tsx}" : `lib/${part}/**`));
}

/** Globs for every lib part except the named ones. */
function libExcept(...kept) {
  return lib(...[...LIB_PARTS, "config"].filter((part) => !kept.includes(part)));
}

/** Tests and their helpers: exempt from the rules below, and never imported by product code. */
export const TEST_CODE = [
  "**/*.test.ts",
  "**/*.test.tsx",
  "**/testing/**",
  "**/test-*.ts",
  "e2e/**",
];

/** Files that run in the browser. */
export const CLIENT_CODE = [
  "components/**",
  "app/**/*client.tsx",
  "app/**/error.tsx",
  "app/**/global-error.tsx",
];

/** What AWS, the database or the file system may never reach: pure, deterministic code. */
const PURE = ["domain", "drift", "policy", "history", "views"];

/**
 * `id` names the rule in messages and in ARCHITECTURE.md; `target` the files it binds; `from` what
 * they never import (`except` narrows `from`); `why` is the message a crossing gets.
 */
export const BOUNDARY_RULES = [
  {
    id: "client-code",
    target: CLIENT_CODE,
    from: libExcept("domain", "drift", "policy", "history", "views", "http"),
    why: "client code reaches AWS, the database, the scanner and the server only through /api: it imports lib/views, lib/history, lib/domain, the pure rules (lib/drift, lib/policy) and lib/http's names",
  },
  {
    id: "lib-below-ui",
    target: lib(...LIB_PARTS, "config"),
    from: ["app/**", "components/**", "{proxy,instrumentation}.ts"],
    why: "lib/ never imports the pages, components or the proxy: the UI builds on lib, never the other way",
  },
  {
    id: "inventory-reads-only",
    target: lib("inventory"),
    from: lib("drift", "policy", "trail", "scan", "store", "history", "views", "report", "notify"),
    why: "lib/inventory reads AWS and never judges it: reading and judging meet only in lib/scan",
  },
  {
    id: "no-sandbox-in-product",
    target: [
      ...libExcept("sandbox"),
      "app/**",
      "components/**",
      "proxy.ts",
      "instrumentation.ts",
      "next.config.ts",
      "scripts/serve.ts",
    ],
    from: ["lib/sandbox/**", ...TEST_CODE],
    why: "product code never imports the sandbox or test helpers: it cannot know it runs on the sandbox (only tests, scripts/start.ts and bench/ do)",
  },
  {
    id: "pure-judgement",
    target: lib("drift", "policy"),
    from: libExcept("domain", "drift", "policy"),
    why: "lib/drift and lib/policy are pure: they import lib/domain (and lib/policy) only, never AWS, the store or I/O",
  },
  {
    id: "policy-below-drift",
    target: lib("policy"),
    from: lib("drift"),
    why: "lib/policy never imports lib/drift: the drift stage builds on the policy semantics",
  },
  {
    id: "domain-is-the-vocabulary",
    target: lib("domain"),
    from: libExcept("domain"),
    why: "lib/domain imports nothing but lib/domain",
  },
  {
    id: "store-keeps",
    target: lib("store"),
    from: libExcept("store", "domain", "history", "env"),
    why: "lib/store keeps snapshots: it imports lib/domain, lib/history and lib/env only (never the scanner, the reports or the notifier)",
  },
  {
    id: "pure-views",
    target: lib("history", "views"),
    from: libExcept("domain", "drift", "policy", "history", "views"),
    why: "lib/history and lib/views are pure (client components import them): only lib/domain, lib/drift, lib/policy and each other",
  },
  {
    id: "history-below-views",
    target: lib("history"),
    from: lib("views"),
    why: "lib/history never imports lib/views: views are built from history",
  },
  {
    id: "aws-is-the-wire",
    target: lib("aws"),
    from: libExcept("aws", "domain"),
    why: "lib/aws talks to AWS and imports lib/domain only",
  },
  {
    id: "trail-reads-only",
    target: lib("trail"),
    from: lib(
      "drift",
      "policy",
      "inventory",
      "scan",
      "store",
      "report",
      "notify",
      "history",
      "views",
    ),
    why: "lib/trail reads CloudTrail and attributes findings: it never imports the other stages, the store or the outputs",
  },
  {
    id: "sandbox-stands-alone",
    target: lib("sandbox"),
    from: libExcept("sandbox"),
    // Globs in `except` are matched against the absolute path of the imported file.
    except: ["**/lib/domain/regions.{ts,tsx}"],
    why: "lib/sandbox shares nothing with the scanner but the region table, so it cannot agree with a scanner bug",
  },
  {
    id: "http-gate-stands-alone",
    target: lib("http"),
    from: libExcept("http", "domain", "env"),
    why: "lib/http holds the HTTP gate's rules and names (proxy.ts, scripts/serve.ts, next.config.ts and client code import it): it imports lib/domain and lib/env only",
  },
  {
    id: "env-reads-settings",
    target: lib("env"),
    from: libExcept("env", "domain", "http"),
    why: "lib/env reads settings and imports only lib/domain and lib/http's host names: every program, the proxy included, reads it",
  },
  {
    id: "queue-carries-shards",
    target: lib("queue"),
    from: libExcept("queue", "domain", "env", "views"),
    why: "lib/queue holds the job queue, its tables and the shard contract: it imports lib/domain, lib/env and the view types of what it lists (lib/views) only; lib/scan runs the shards",
  },
  {
    id: "server-glue-on-top",
    target: libExcept("server"),
    from: lib("server"),
    why: "only app/ imports lib/server (server-only): lib/ also runs in the CLI",
  },
  {
    id: "scans-start-on-top",
    target: libExcept("scan", "cli", "server"),
    from: lib("scan", "cli"),
    why: "only lib/cli and lib/server run scans: nothing below them imports lib/scan or lib/cli",
  },
];

/** Node modules that pure code never imports: I/O, processes, the network, AWS and the database. */
export const IMPURE_MODULES = [
  "fs",
  "fs/promises",
  "http",
  "https",
  "net",
  "tls",
  "dns",
  "child_process",
  "worker_threads",
].flatMap((name) => [name, `node:${name}`]);

export const PURE_CODE = lib(...PURE);
export const IMPURE_PACKAGES = ["@aws-sdk/*", "pg", "@electric-sql/*", "proper-lockfile"];
