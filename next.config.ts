import type { NextConfig } from "next";
import { bindingProblem } from "./lib/http/access-env";
import { STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // PGlite ships WASM and a data directory loader that bundlers must not touch. proper-lockfile
  // keeps per-process lock state and exit hooks: one copy from node_modules, not one per bundle.
  serverExternalPackages: ["@electric-sql/pglite", "proper-lockfile"],
  poweredByHeader: false,
  // `npm test` type-checks the whole project as its own suite; `npm start` need not do it again.
  typescript: { ignoreBuildErrors: true },
  // proxy.ts sets these (and the CSP) on pages and API responses; static assets get them here.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
      },
    ];
  },
};

/**
 * The dashboard reads every key policy of the estate: never serve it beyond loopback without
 * authentication and a Host allow-list, however it is started (scripts/serve.ts checks first,
 * `next start` and `next dev` stop here, proxy.ts refuses every request while misconfigured).
 */
export default function config(phase: string): NextConfig {
  if (phase === "phase-production-server" || phase === "phase-development-server") {
    const problem = bindingProblem();
    if (problem) throw new Error(`kms-drift: ${problem}`);
  }
  return nextConfig;
}
