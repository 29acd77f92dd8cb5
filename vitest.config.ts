import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      // `server-only` throws outside the react-server condition; tests import server modules directly.
      "server-only": path.resolve(__dirname, "scripts/server-only-noop.ts"),
    },
  },
  test: {
    include: ["{lib,app,components,scripts}/**/*.test.{ts,tsx}"],
    exclude: ["node_modules", "e2e", ".next"],
    globalSetup: ["scripts/vitest-postgres.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
});
