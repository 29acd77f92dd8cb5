import type { Metadata } from "next";
import type { KeyRecord } from "@/lib/domain/key-record";
import { loadSnapshot } from "@/lib/server/snapshot-cache";
import { FirstScanPending } from "@/components/scan/first-scan-pending";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Keys by region" };

function groupByRegion(keys: KeyRecord[]): [string, KeyRecord[]][] {
  const byRegion = new Map<string, KeyRecord[]>();
  for (const key of keys)
    byRegion.set(`${key.account} ${key.region}`, [
      ...(byRegion.get(`${key.account} ${key.region}`) ?? []),
      key,
    ]);
  return [...byRegion.entries()].sort(([a], [b]) => a.localeCompare(b));
}

export default async function KeysPage() {
  const snapshot = await loadSnapshot("latest");
  if (!snapshot) {
    return (
      <section aria-labelledby="keys-heading">
        <h1 id="keys-heading" className="mb-4 text-2xl font-semibold">
          Keys by region
        </h1>
        <FirstScanPending />
      </section>
    );
  }
  return (
    <section aria-labelledby="keys-heading">
      <h1 id="keys-heading" className="mb-1 text-2xl font-semibold">
        Keys by region
      </h1>
      <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">
        Snapshot {snapshot.id} · {snapshot.summary.keys} keys · {snapshot.findings.length} findings
        · {snapshot.source.kind === "sandbox" ? "sandbox" : "AWS"}
      </p>
      {groupByRegion(snapshot.keys).map(([group, keys]) => (
        <section key={group} aria-label={`Keys in ${group}`} className="mb-6">
          <h2 className="mb-2 font-medium">{group}</h2>
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200 dark:border-slate-800">
                <th className="py-1 pr-4">Key id</th>
                <th className="py-1 pr-4">Aliases</th>
                <th className="py-1 pr-4">State</th>
                <th className="py-1 pr-4">Manager</th>
                <th className="py-1">Description</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key.arn} className="border-b border-slate-100 dark:border-slate-900">
                  <td className="py-1 pr-4 font-mono">{key.keyId}</td>
                  <td className="py-1 pr-4">
                    {key.aliases === null ? "not listed" : key.aliases.join(", ")}
                  </td>
                  <td className="py-1 pr-4">
                    {key.errors.some((e) => e.property === "metadata")
                      ? "could not describe"
                      : key.metadata.KeyState}
                  </td>
                  <td className="py-1 pr-4">{key.metadata.KeyManager}</td>
                  <td className="py-1">{key.metadata.Description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </section>
  );
}
