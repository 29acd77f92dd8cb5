import path from "node:path";
import { fileURLToPath } from "node:url";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import {
  BOUNDARY_RULES,
  IMPURE_MODULES,
  IMPURE_PACKAGES,
  PURE_CODE,
  TEST_CODE,
} from "./eslint.boundaries.mjs";

const root = path.dirname(fileURLToPath(import.meta.url));
const SOURCE = ["**/*.{ts,tsx,mts,mjs}"];

const serverOnly = {
  name: "server-only",
  message: "Only lib/server imports server-only: lib/ also runs in the CLI, where it throws.",
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "data/**",
      "test-results/**",
      "playwright-report/**",
      "reports/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // The import boundaries (ARCHITECTURE.md, "Import boundaries"); tests and their helpers are exempt.
    files: SOURCE,
    ignores: TEST_CODE,
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          basePath: root,
          zones: BOUNDARY_RULES.map(({ id, target, from, except, why }) => ({
            target,
            from,
            ...(except ? { except } : {}),
            message: `[${id}] ${why}.`,
          })),
        },
      ],
    },
  },
  {
    files: ["lib/**/*.{ts,tsx}"],
    ignores: ["lib/server/**", ...TEST_CODE],
    rules: { "no-restricted-imports": ["error", { paths: [serverOnly] }] },
  },
  {
    files: PURE_CODE.map((glob) => `${glob}/*.{ts,tsx}`),
    ignores: TEST_CODE,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            serverOnly,
            ...IMPURE_MODULES.map((name) => ({
              name,
              message: "[pure-code] lib/{domain,drift,policy,history,views} never do I/O.",
            })),
          ],
          patterns: [
            {
              group: IMPURE_PACKAGES,
              message:
                "[pure-code] lib/{domain,drift,policy,history,views} never reach AWS or the database.",
            },
          ],
        },
      ],
    },
  },
];

export default config;
