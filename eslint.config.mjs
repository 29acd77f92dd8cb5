import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const serverOnlyModules = ["aws", "store", "scan", "sandbox", "inventory", "trail", "cli"].flatMap(
  (dir) => [`@/lib/${dir}`, `@/lib/${dir}/*`, `**/lib/${dir}`, `**/lib/${dir}/*`],
);

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
    // The server/client line (DESIGN.md §2): client code never reaches AWS, the store, the scanner or the sandbox.
    files: ["components/**/*.{ts,tsx}", "app/**/client.tsx", "app/**/*-client.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: serverOnlyModules,
              message: "Client code must not import server-only lib modules.",
            },
          ],
        },
      ],
    },
  },
];

export default config;
