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
      create index snapshot_families_family_idx on snapshot_families (family_id);

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
];
