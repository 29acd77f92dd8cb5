/** @type {import('next').NextConfig} */
const nextConfig = {
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
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

const LOOPBACK = /^(localhost|::1|\[::1\]|127(\.\d{1,3}){3})$/i;

/**
 * The dashboard reads every key policy of the estate: never serve it beyond loopback unauthenticated.
 * Same rule as lib/server/access-policy.ts `bindingProblem` (which proxy.ts enforces per request too).
 */
function refuseUnsafeBinding() {
  const host = process.env.HOST || "127.0.0.1";
  if (
    LOOPBACK.test(host) ||
    process.env.KMS_DRIFT_TOKEN ||
    process.env.KMS_DRIFT_TRUST_PROXY_HEADER
  )
    return;
  throw new Error(
    `kms-drift: HOST=${host} is not loopback: set KMS_DRIFT_TOKEN (a bearer token) or KMS_DRIFT_TRUST_PROXY_HEADER (the header your authenticating reverse proxy sets)`,
  );
}

export default function config(phase) {
  if (phase === "phase-production-server" || phase === "phase-development-server")
    refuseUnsafeBinding();
  return nextConfig;
}
