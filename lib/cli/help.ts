import { CSV_COLUMNS } from "../report/csv";

export const MAIN_HELP = `kms-drift — audit AWS KMS keys for drift across regions

Usage: kms-drift <command> [flags]

Commands:
  scan      scan every key family in every region (read-only) and print a snapshot
  export    export a stored snapshot (evidence bundle, CSV, HTML, ASFF, OCSF)
  verify    verify an exported evidence bundle
  worker    take scan shards off the job queue in DATABASE_URL (for scan --distributed)

Run "kms-drift <command> --help" for the flags and exit codes of a command.
Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage, config or credential error,
141 stdout closed by its reader (e.g. piped into head). scan also uses 3: incomplete (a region
failed); verify uses 3: integrity only.
`;

export const SCAN_HELP = `Usage: kms-drift scan [flags]

Reads every KMS key of every (account, region) with List*/Describe*/Get* calls only, forms
multi-Region and alias families, reports drift. Progress goes to stderr, output to stdout.

Flags:
  --endpoint URL         send KMS, CloudTrail and STS requests to URL (the sandbox, an emulator).
                         The SDK also honours AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_KMS,
                         AWS_ENDPOINT_URL_CLOUDTRAIL and AWS_ENDPOINT_URL_STS by itself.
  --profile NAME         use a named profile of ~/.aws/config and ~/.aws/credentials
                         (default: the SDK's default credential chain)
  --regions LIST|all     comma-separated regions, or "all" (every region of the partition;
                         opt-in regions that are not enabled show as not-enabled). Default:
                         config "regions", else all.
  --config FILE          config file (accounts, quotas, families, drift rules). Default:
                         $KMS_DRIFT_CONFIG, else ./kms-drift.config.json when it exists.
  --org                  discover the accounts of the caller's AWS Organization (from the
                         management account or a delegated administrator) and scan each through
                         the role of config "organization" (default role kms-drift-audit)
  --org-role NAME        like --org, assuming the role NAME in every discovered account
  --since DURATION       CloudTrail window for attribution: a whole number and m, h or d,
                         e.g. 90m, 36h, 7d (at most 90d)
  --no-trail             skip CloudTrail attribution
  --format FORMAT        json (default: the snapshot), table (for people) or csv (findings)
  --out FILE             write the output to FILE instead of stdout (checked before the scan:
                         its directory must exist and be writable)
  --fail-on SEVERITY     exit 1 when an unwaived finding is at or above SEVERITY:
                         critical, high (default), medium, low, info, or none (never)
  --timeout DURATION     overall deadline: a whole number and ms, s, m, h or d (a bare number
                         is seconds), e.g. 300s, 10m (default 10m, at most 24d); regions not
                         done by then are reported as "error: deadline exceeded"
  --save                 also store the snapshot (PGlite in ./data, or DATABASE_URL). A PGlite
                         directory is used by one process at a time: checked before scanning.
                         Then sends the config's notifications and reports each on stderr
  --notify-wait DURATION how long --save waits for notifications before exiting (default 60s);
                         what is left stays pending for the next run. Never changes the exit code
  --distributed          run the (account, region) work on "kms-drift worker" processes through
                         the job queue in DATABASE_URL (required); this process plans, waits,
                         then judges and assembles the same snapshot. KMS_DRIFT_SHARD_LEASE
                         (seconds, default 300): how long a worker holds a shard before it is
                         retried elsewhere
  --quiet                no progress on stderr
  -h, --help             this help

CSV columns (--format csv): ${CSV_COLUMNS.join(", ")}.
Cells starting with = + - @ are prefixed with ' so spreadsheets do not run them.
Control and bidi characters from AWS (descriptions, tags, errors) never reach the terminal:
table and CSV show them as \\x1B, \\u202E; JSON escapes them (\\u001b, \\u202e), losslessly.

Exit codes: 0 every region read and no unwaived finding at or above --fail-on; 1 there is one
(whether or not regions failed); 2 usage, config or credential error, no region could be read,
the Organization could not be read (not its management account or a delegated administrator),
the --save store is in use by another process, or the snapshot could not be saved; 3 some
regions or accounts failed (their findings are unknown) and no finding reaches --fail-on;
141 stdout closed by its reader. Skipped accounts (suspended, filtered out) do not count.
`;

export const WORKER_HELP = `Usage: kms-drift worker [flags]

Takes scan shards — one (account, region) listing, key read or CloudTrail lookup of a
"scan --distributed" — off the job queue in the PostgreSQL of DATABASE_URL (required), runs them
with its own AWS credentials (AssumeRole into each account's role, as the scan does) and writes
each result back. Runs until SIGTERM or SIGINT, then finishes the shards in hand (up to
--drain) and leaves. Run as many as you like, on as many machines.

Flags:
  --concurrency N        shards worked on at once (default 128, at most 256)
  --endpoint URL         send KMS, CloudTrail and STS requests to URL (the sandbox, an emulator)
  --profile NAME         use a named profile of the shared AWS config files
  --drain DURATION       how long SIGTERM waits for the shards in hand (default 60s); what is
                         left is retried by another worker
  -h, --help             this help

Exit codes: 0 stopped by a signal, 2 usage or a queue that cannot be reached.
`;
