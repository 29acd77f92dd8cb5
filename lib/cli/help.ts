import { CSV_COLUMNS } from "../report/csv";

export const MAIN_HELP = `kms-drift — audit AWS KMS keys for drift across regions

Usage: kms-drift <command> [flags]

Commands:
  scan      scan every key family in every region (read-only) and print a snapshot
  export    export a stored snapshot (evidence bundle, CSV, HTML, ASFF, OCSF)
  verify    verify an exported evidence bundle

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
  --quiet                no progress on stderr
  -h, --help             this help

CSV columns (--format csv): ${CSV_COLUMNS.join(", ")}.
Cells starting with = + - @ are prefixed with ' so spreadsheets do not run them.
Control and bidi characters from AWS (descriptions, tags, errors) never reach the terminal:
table and CSV show them as \\x1B, \\u202E; JSON escapes them (\\u001b, \\u202e), losslessly.

Exit codes: 0 every region read and no unwaived finding at or above --fail-on; 1 there is one
(whether or not regions failed); 2 usage, config or credential error, no region could be read,
the --save store is in use by another process, or the snapshot could not be saved; 3 some
regions failed (their findings are unknown) and no finding reaches --fail-on; 141 stdout closed
by its reader.
`;
