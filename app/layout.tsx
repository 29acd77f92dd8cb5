import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { storeUnavailableReason } from "@/lib/server/store";
import { Notice } from "@/components/ui/notice";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "kms-drift", template: "%s · kms-drift" },
  description: "Audit AWS KMS multi-Region keys and alias families for drift across regions",
};

const NAV = [
  ["/", "Overview"],
  ["/families", "Families"],
  ["/residency", "Residency"],
  ["/snapshots", "Snapshots"],
  ["/keys", "Keys"],
] as const;

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request: the CSP nonce (proxy.ts) only reaches dynamically rendered HTML.
  await connection();
  // Another process holds the PGlite store: no page can be read, so every page says why instead.
  const unavailable = await storeUnavailableReason();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-white focus:p-2 dark:focus:bg-slate-900"
        >
          Skip to content
        </a>
        <header className="border-b border-slate-200 dark:border-slate-800">
          <nav
            aria-label="Main"
            className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3"
          >
            <span className="font-semibold tracking-tight">kms-drift</span>
            {NAV.map(([href, label]) => (
              <Link
                key={href}
                href={href}
                className="text-sm text-slate-700 hover:underline dark:text-slate-300"
              >
                {label}
              </Link>
            ))}
          </nav>
        </header>
        <main id="main" className="mx-auto max-w-7xl px-4 py-6">
          {unavailable === null ? (
            children
          ) : (
            <Notice title="The snapshot store is in use by another process" tone="error">
              <p>{unavailable}.</p>
              <p className="mt-1">
                The dashboard tries again on every request: reload this page once that process has
                ended.
              </p>
            </Notice>
          )}
        </main>
      </body>
    </html>
  );
}
