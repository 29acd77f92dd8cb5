import type { Metadata } from "next";
import Link from "next/link";
import type { KeyListRow, KeyPage } from "@/lib/store/store-types";
import { getKeyPage } from "@/lib/server/keys-query";
import {
  KEY_PAGE_SIZE,
  keysPageHref,
  safeParseKeysPageQuery,
  type KeysPageQuery,
} from "@/lib/views/key-filters";
import { FirstScanPending } from "@/components/scan/first-scan-pending";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Keys by region" };

/** The page's rows in runs of one account and region (the store orders them so). */
function groupByRegion(rows: KeyListRow[]): [string, KeyListRow[]][] {
  const groups: [string, KeyListRow[]][] = [];
  for (const row of rows) {
    const name = `${row.account} ${row.region}`;
    const last = groups.at(-1);
    if (last && last[0] === name) last[1].push(row);
    else groups.push([name, [row]]);
  }
  return groups;
}

function Heading() {
  return (
    <h1 id="keys-heading" className="mb-1 text-2xl font-semibold">
      Keys by region
    </h1>
  );
}

const FIELD =
  "rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900";

/** One of the form's single-choice filters: every value of the snapshot, or all of them. */
function SelectFilter({
  label,
  name,
  all,
  chosen,
  values,
}: {
  label: string;
  name: string;
  all: string;
  chosen: string | undefined;
  values: readonly string[];
}) {
  return (
    <label className="flex flex-col">
      {label}
      <select name={name} defaultValue={chosen ?? ""} className={FIELD}>
        <option value="">{all}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </label>
  );
}

function FilterForm({ query, page }: { query: KeysPageQuery; page: KeyPage }) {
  return (
    <form method="get" action="/keys" className="mb-4 flex flex-wrap items-end gap-3 text-sm">
      <SelectFilter
        label="Account"
        name="account"
        all="All accounts"
        chosen={query.account[0]}
        values={page.accounts}
      />
      <SelectFilter
        label="Region"
        name="region"
        all="All regions"
        chosen={query.region[0]}
        values={page.regions}
      />
      <label className="flex flex-col">
        Key id, alias or description
        <input type="search" name="q" defaultValue={query.q} maxLength={200} className={FIELD} />
      </label>
      <button type="submit" className={`${FIELD} font-medium`}>
        Filter
      </button>
    </form>
  );
}

function Pager({ query, page }: { query: KeysPageQuery; page: KeyPage }) {
  const pages = Math.max(1, Math.ceil(page.matched / KEY_PAGE_SIZE));
  const first = page.rows.length > 0 ? page.offset + 1 : 0;
  return (
    <nav aria-label="Key pages" className="my-4 flex items-center gap-4 text-sm">
      {query.page > 1 ? (
        <Link href={keysPageHref({ ...query, page: Math.min(query.page - 1, pages) })} rel="prev">
          Previous page
        </Link>
      ) : null}
      <span>
        Page {query.page} of {pages} · keys {first}–{page.offset + page.rows.length} of{" "}
        {page.matched}
      </span>
      {query.page < pages ? (
        <Link href={keysPageHref({ ...query, page: query.page + 1 })} rel="next">
          Next page
        </Link>
      ) : null}
    </nav>
  );
}

function KeyTable({ keys }: { keys: KeyListRow[] }) {
  return (
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
            <td className="py-1 pr-4">{key.state ?? "could not describe"}</td>
            <td className="py-1 pr-4">{key.manager}</td>
            <td className="py-1">{key.description}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default async function KeysPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const parsed = safeParseKeysPageQuery(await searchParams);
  if (parsed.problem !== null) {
    return (
      <section aria-labelledby="keys-heading">
        <Heading />
        <p role="alert" className="my-4 text-sm text-red-700 dark:text-red-400">
          Bad query {parsed.problem}. <Link href="/keys">Show all keys</Link>
        </p>
      </section>
    );
  }
  const { query } = parsed;
  const page = await getKeyPage(query, {
    offset: (query.page - 1) * KEY_PAGE_SIZE,
    limit: KEY_PAGE_SIZE,
  });
  if (!page) {
    return (
      <section aria-labelledby="keys-heading">
        <Heading />
        <FirstScanPending />
      </section>
    );
  }
  return (
    <section aria-labelledby="keys-heading">
      <Heading />
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
        Snapshot {page.snapshotId} · {page.total} keys in the snapshot · {page.matched} match
      </p>
      <FilterForm query={query} page={page} />
      <Pager query={query} page={page} />
      {page.rows.length === 0 ? (
        <p className="text-sm">No keys on this page.</p>
      ) : (
        groupByRegion(page.rows).map(([group, keys]) => (
          <section key={group} aria-label={`Keys in ${group}`} className="mb-6">
            <h2 className="mb-2 font-medium">{group}</h2>
            <KeyTable keys={keys} />
          </section>
        ))
      )}
      <Pager query={query} page={page} />
    </section>
  );
}
