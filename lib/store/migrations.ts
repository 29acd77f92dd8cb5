/**
 * Versioned schema, applied in order and recorded in `schema_migrations`. Append new versions;
 * never edit one that has shipped. One dialect: it runs unchanged on PGlite and PostgreSQL ≥ 13.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "snapshots, findings, families, changes, runs",
    sql: `
      create table snapshots (
        id text primary key,
        seq integer generated always as identity unique,
        started_at text not null,
        finished_at text not null,
        started_ts timestamptz not null,
        source jsonb not null,
        summary jsonb not null,
        doc jsonb not null,
        saved_at timestamptz not null default now()
      );
      create index snapshots_order_idx on snapshots (started_ts desc, seq desc);

      create table snapshot_families (
        snapshot_id text not null references snapshots (id) on delete cascade,
        family_id text not null,
        kind text not null,
        account text not null,
        reference_region text,
        primary key (snapshot_id, family_id)
      );

      create table findings (
        snapshot_id text not null references snapshots (id) on delete cascade,
        position integer not null,
        finding_id text not null,
        family_id text not null,
        property text not null,
        severity text not null,
        region text not null,
        account text not null,
        waived boolean not null,
        title text not null,
        doc jsonb not null,
        primary key (snapshot_id, position)
      );
      create index findings_snapshot_finding_idx on findings (snapshot_id, finding_id);
      create index findings_family_idx on findings (family_id, snapshot_id);

      create table snapshot_changes (
        snapshot_id text primary key references snapshots (id) on delete cascade,
        previous_id text,
        comparison jsonb not null
      );

      create table scan_runs (
        id integer generated always as identity primary key,
        started_at text not null,
        finished_at text,
        trigger text not null check (trigger in ('schedule', 'manual', 'cli')),
        status text not null check (status in ('ok', 'failed', 'skipped')),
        reason text,
        snapshot_id text,
        recorded_at timestamptz not null default now()
      );
      create index scan_runs_recent_idx on scan_runs (id desc);
    `,
  },
  {
    version: 2,
    name: "notification deliveries, attempts and the per-sink ledger",
    // Times are ISO-8601 UTC text (as snapshots.started_at): they sort as they compare.
    sql: `
      create table notification_deliveries (
        id text primary key,
        snapshot_id text not null references snapshots (id) on delete cascade,
        sink text not null,
        sink_type text not null check (sink_type in ('webhook', 'slack', 'email')),
        status text not null
          check (status in ('pending', 'sending', 'sent', 'failed', 'skipped', 'unknown')),
        content jsonb not null,
        attempts integer not null default 0,
        next_attempt_at text not null,
        claimed_at text,
        last_error text,
        created_at text not null,
        finished_at text,
        unique (sink, snapshot_id)
      );
      create index notification_deliveries_status_idx on notification_deliveries (status, next_attempt_at);

      create table notification_attempts (
        delivery_id text not null references notification_deliveries (id) on delete cascade,
        attempt integer not null,
        started_at text not null,
        finished_at text,
        outcome text check (outcome in ('ok', 'retry', 'failed', 'interrupted')),
        status_code integer,
        error text,
        primary key (delivery_id, attempt)
      );

      create table notification_ledger (
        sink text not null,
        finding_id text not null,
        state text not null check (state in ('open', 'resolved')),
        severity text not null,
        delivery_id text not null,
        updated_at text not null,
        primary key (sink, finding_id)
      );
    `,
  },
  {
    version: 3,
    name: "a snapshot is rows: keys, families, findings, events, region and account scans",
    // The header stays in snapshots.doc with each array replaced by its length (lib/store/snapshot-rows.ts).
    // The family columns after `doc` are derived from the snapshot by kms-drift (the families matrix,
    // lib/history/family-matrix.ts); `derived_version` null means not yet, and they are derived on first use.
    sql: `
      create table snapshot_keys (
        snapshot_id text not null references snapshots (id) on delete cascade,
        position integer not null,
        arn text not null,
        account text not null,
        region text not null,
        key_id text not null,
        aliases_unread boolean not null,
        doc jsonb not null,
        primary key (snapshot_id, position)
      );
      create index snapshot_keys_key_idx on snapshot_keys (snapshot_id, key_id);
      create index snapshot_keys_aliases_unread_idx on snapshot_keys (snapshot_id, account, region)
        where aliases_unread;

      insert into snapshot_keys (snapshot_id, position, arn, account, region, key_id, aliases_unread, doc)
      select s.id, (k.ord - 1)::int, coalesce(k.value->>'arn', ''), coalesce(k.value->>'account', ''),
             coalesce(k.value->>'region', ''), coalesce(k.value->>'keyId', ''),
             coalesce(k.value->'errors' @> '[{"property":"aliases"}]'::jsonb, false), k.value
      from snapshots s, jsonb_array_elements(s.doc->'keys') with ordinality as k(value, ord);

      drop table snapshot_families;
      create table snapshot_families (
        snapshot_id text not null references snapshots (id) on delete cascade,
        position integer not null,
        family_id text not null,
        kind text not null,
        account text not null,
        name text not null,
        reference_region text,
        doc jsonb not null,
        ou_path text,
        account_tags text[],
        worst_rank smallint,
        severities text[],
        properties text[],
        finding_count integer,
        waived_count integer,
        drifted boolean,
        tags text[],
        search text,
        present_regions text[],
        matrix_row jsonb,
        primary key (snapshot_id, position)
      );
      create index snapshot_families_id_idx on snapshot_families (snapshot_id, family_id);
      create index snapshot_families_severity_idx
        on snapshot_families (snapshot_id, worst_rank, finding_count desc, name collate "C", family_id collate "C");
      create index snapshot_families_account_idx on snapshot_families (snapshot_id, account);

      insert into snapshot_families (snapshot_id, position, family_id, kind, account, name, reference_region, doc)
      select s.id, (f.ord - 1)::int, coalesce(f.value->>'id', ''), coalesce(f.value->>'kind', ''),
             coalesce(f.value->>'account', ''), coalesce(f.value->>'name', ''), f.value->>'referenceRegion', f.value
      from snapshots s, jsonb_array_elements(s.doc->'families') with ordinality as f(value, ord);

      create table snapshot_events (
        snapshot_id text not null references snapshots (id) on delete cascade,
        position integer not null,
        event_id text not null,
        account text not null,
        key_ids text[] not null,
        doc jsonb not null,
        primary key (snapshot_id, position)
      );
      create index snapshot_events_account_idx on snapshot_events (snapshot_id, account);

      insert into snapshot_events (snapshot_id, position, event_id, account, key_ids, doc)
      select s.id, (e.ord - 1)::int, coalesce(e.value->>'eventId', ''), coalesce(e.value->>'account', ''),
             coalesce(array(select jsonb_array_elements_text(
               case jsonb_typeof(e.value->'keyIds') when 'array' then e.value->'keyIds' else '[]'::jsonb end)), '{}'),
             e.value
      from snapshots s, jsonb_array_elements(s.doc->'events') with ordinality as e(value, ord);

      create table snapshot_regions (
        snapshot_id text not null references snapshots (id) on delete cascade,
        position integer not null,
        account text not null,
        region text not null,
        status text not null,
        doc jsonb not null,
        primary key (snapshot_id, position)
      );

      insert into snapshot_regions (snapshot_id, position, account, region, status, doc)
      select s.id, (r.ord - 1)::int, coalesce(r.value->>'account', ''), coalesce(r.value->>'region', ''),
             coalesce(r.value->>'status', ''), r.value
      from snapshots s, jsonb_array_elements(s.doc->'regions') with ordinality as r(value, ord);

      create table snapshot_accounts (
        snapshot_id text not null references snapshots (id) on delete cascade,
        position integer not null,
        account text not null,
        status text not null,
        ou_path text,
        doc jsonb not null,
        primary key (snapshot_id, position)
      );

      insert into snapshot_accounts (snapshot_id, position, account, status, ou_path, doc)
      select s.id, (a.ord - 1)::int, coalesce(a.value->>'account', ''), coalesce(a.value->>'status', ''),
             a.value->'ou'->>'path', a.value
      from snapshots s, jsonb_array_elements(s.doc->'accountScans') with ordinality as a(value, ord);

      -- findings already had their rows (migration 1); only the document keeps them no more.
      alter table snapshots add column derived_version integer;
      alter table snapshots add column matrix_regions jsonb;
      update snapshots set doc = (doc - 'keys' - 'families' - 'findings' - 'events' - 'regions' - 'accountScans')
        || jsonb_strip_nulls(jsonb_build_object(
             'keys', jsonb_array_length(doc->'keys'),
             'families', jsonb_array_length(doc->'families'),
             'findings', jsonb_array_length(doc->'findings'),
             'events', jsonb_array_length(doc->'events'),
             'regions', jsonb_array_length(doc->'regions'),
             'accountScans', jsonb_array_length(doc->'accountScans')));
    `,
  },
  {
    version: 4,
    name: "key and family documents as json, family documents in their own table; families ranked in each sort of their page",
    // json keeps a document's text and only checks its syntax on the way in; jsonb builds a binary
    // copy, which was most of the save of a large snapshot. Nothing queries inside these in SQL
    // (findings stay jsonb: lib/store/compare-rows.ts compares inside them).
    // A family's document and matrix row (~2 KB together, under the size PostgreSQL moves out of
    // the row) made every filter and count read ~12,000 pages at 50,000 families; in their own
    // table, read only for a page's rows, the rows that filters scan are a few hundred bytes.
    // Each sort of the families page becomes an indexed rank, filled when the family columns are
    // derived again (DERIVED_VERSION 2, on first use), so that a page deep in a sort is not a sort
    // of them all.
    sql: `
      alter table snapshot_keys alter column doc type json using doc::json;
      create table snapshot_family_docs (
        snapshot_id text not null references snapshots (id) on delete cascade,
        position integer not null,
        doc json not null,
        matrix_row json,
        primary key (snapshot_id, position)
      );
      insert into snapshot_family_docs (snapshot_id, position, doc, matrix_row)
      select snapshot_id, position, doc::json, matrix_row::json from snapshot_families;
      alter table snapshot_families drop column doc, drop column matrix_row;
      alter table snapshot_families
        add column rank_severity integer, add column rank_name integer,
        add column rank_findings integer, add column rank_account integer;
      drop index snapshot_families_severity_idx;
      -- Families derived by the rules before the ranks (DERIVED_VERSION 1) already have every
      -- column a sort uses: their ranks are filled here rather than by deriving the whole snapshot
      -- again on first use (~10 s at 200,000 keys). "C" is code-point order, as the page sorts.
      update snapshot_families f
      set rank_severity = r.by_severity, rank_name = r.by_name,
          rank_findings = r.by_findings, rank_account = r.by_account
      from (
        select sf.snapshot_id, sf.position,
          row_number() over (partition by sf.snapshot_id order by sf.worst_rank,
            sf.finding_count desc, sf.name collate "C", sf.family_id collate "C")::int - 1 as by_severity,
          row_number() over (partition by sf.snapshot_id
            order by sf.name collate "C", sf.family_id collate "C")::int - 1 as by_name,
          row_number() over (partition by sf.snapshot_id order by sf.finding_count desc,
            sf.name collate "C", sf.family_id collate "C")::int - 1 as by_findings,
          row_number() over (partition by sf.snapshot_id order by sf.account collate "C",
            sf.name collate "C", sf.family_id collate "C")::int - 1 as by_account
        from snapshot_families sf join snapshots s on s.id = sf.snapshot_id
        where s.derived_version = 1
      ) r
      where f.snapshot_id = r.snapshot_id and f.position = r.position;
      update snapshots set derived_version = 2 where derived_version = 1;
      create index snapshot_families_rank_severity_idx on snapshot_families (snapshot_id, rank_severity);
      create index snapshot_families_rank_name_idx on snapshot_families (snapshot_id, rank_name);
      create index snapshot_families_rank_findings_idx on snapshot_families (snapshot_id, rank_findings);
      create index snapshot_families_rank_account_idx on snapshot_families (snapshot_id, rank_account);
      -- A filter on one of these (a severity, an account tag…) reads the families that have it,
      -- not every family of the snapshot.
      create index snapshot_families_severities_idx on snapshot_families using gin (severities);
      create index snapshot_families_properties_idx on snapshot_families using gin (properties);
      create index snapshot_families_tags_idx on snapshot_families using gin (tags);
      create index snapshot_families_regions_idx on snapshot_families using gin (present_regions);
      create index snapshot_families_account_tags_idx on snapshot_families using gin (account_tags);
    `,
  },
  {
    version: 5,
    name: "snapshot keys in the order /keys lists them; their last use and unread metadata as columns",
    // Code-point order (collate "C") whatever the database's collation: an unfiltered page of
    // /keys, and one filtered by account and region, walks this index instead of sorting every key.
    // The columns are computed in JS as a row is written (lib/store/write-rows.ts), so residency's
    // per-region aggregate and a /keys page never parse 200,000 key documents to read four fields.
    sql: `
      create index snapshot_keys_page_idx
        on snapshot_keys (snapshot_id, (account collate "C"), (region collate "C"), position);
      alter table snapshot_keys
        add column last_use_read boolean not null default false,
        add column last_used_at text,
        add column last_used_operation text,
        add column metadata_unread boolean not null default false;
      update snapshot_keys set
        last_use_read = coalesce(json_typeof(doc->'lastUse'), 'null') <> 'null',
        last_used_at = case when json_typeof(doc->'lastUse'->'lastUsed') = 'object'
                            then doc->'lastUse'->'lastUsed'->>'at' end,
        last_used_operation = case when json_typeof(doc->'lastUse'->'lastUsed') = 'object'
                                   then doc->'lastUse'->'lastUsed'->>'operation' end,
        metadata_unread = exists (
          select 1 from json_array_elements(case json_typeof(doc->'errors')
                          when 'array' then doc->'errors' else '[]'::json end) e
          where e->>'property' = 'metadata');
    `,
  },
  {
    version: 6,
    name: "key policies stored once per snapshot; a comparison as json, its counts apart; row tables without per-row foreign key checks",
    // Most keys of an account and region share their policy (often the default key policy, which
    // names only the account), and a policy was half of a key's document: the bytes PostgreSQL
    // checks and writes were most of a large snapshot's save. A key whose policy is stored apart
    // keeps "policy": null in its document and the policy's id in policy_id; the view puts them
    // back together for the readers (lib/store/key-docs.ts). Keys stored before keep theirs inline.
    // A stored comparison lists every finding that changed (every finding of a first snapshot):
    // as jsonb its binary copy took ~1 s of a 200,000-key save, and the snapshot list read each
    // whole to take its counts, which now have a column of their own.
    // A foreign key checks each row as it is inserted (a lookup of its snapshot, about 2 s of a
    // 200,000-key save). A snapshot's rows are only written by its save, in the transaction that
    // wrote its header, so the row tables lose theirs; deleting a snapshot still deletes its rows,
    // one statement per table (the trigger below).
    sql: `
      create table snapshot_policies (
        snapshot_id text not null,
        policy_id integer not null,
        doc json not null,
        primary key (snapshot_id, policy_id)
      );
      alter table snapshot_keys add column policy_id integer;
      create view snapshot_key_docs as
        select k.snapshot_id, k.position, k.account, k.region, k.key_id, k.arn, k.aliases_unread,
               k.doc, p.doc as policy
        from snapshot_keys k
        left join snapshot_policies p on p.snapshot_id = k.snapshot_id and p.policy_id = k.policy_id;
      alter table snapshot_changes add column counts jsonb;
      update snapshot_changes set counts = comparison->'counts';
      alter table snapshot_changes alter column counts set not null;
      alter table snapshot_changes alter column comparison type json using comparison::json;
      alter table snapshot_keys drop constraint snapshot_keys_snapshot_id_fkey;
      alter table snapshot_families drop constraint snapshot_families_snapshot_id_fkey;
      alter table snapshot_family_docs drop constraint snapshot_family_docs_snapshot_id_fkey;
      alter table findings drop constraint findings_snapshot_id_fkey;
      alter table snapshot_events drop constraint snapshot_events_snapshot_id_fkey;
      alter table snapshot_regions drop constraint snapshot_regions_snapshot_id_fkey;
      alter table snapshot_accounts drop constraint snapshot_accounts_snapshot_id_fkey;
      create function delete_snapshot_rows() returns trigger language plpgsql as $$
      begin
        delete from snapshot_keys where snapshot_id in (select id from gone);
        delete from snapshot_policies where snapshot_id in (select id from gone);
        delete from snapshot_families where snapshot_id in (select id from gone);
        delete from snapshot_family_docs where snapshot_id in (select id from gone);
        delete from findings where snapshot_id in (select id from gone);
        delete from snapshot_events where snapshot_id in (select id from gone);
        delete from snapshot_regions where snapshot_id in (select id from gone);
        delete from snapshot_accounts where snapshot_id in (select id from gone);
        return null;
      end
      $$;
      create trigger snapshots_delete_rows after delete on snapshots
        referencing old table as gone for each statement execute function delete_snapshot_rows();
    `,
  },
];
