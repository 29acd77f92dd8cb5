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
];
