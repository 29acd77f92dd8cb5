import { createHmac } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Snapshot } from "../domain/snapshot";
import { compareFindings } from "../history/compare";
import { defaultFindings, makeFinding, makeSnapshot } from "../store/test-fixtures";
import { openPgliteTestStore } from "../store/test-store";
import type { SnapshotStore } from "../store/store-types";
import { notifyConfigSchema, type NotifyConfig } from "./config-schema";
import { createNotifier } from "./notifier";
import {
  closedPort,
  startSlackReceiver,
  startSmtpReceiver,
  startWebhookReceiver,
  verifySignature,
} from "./testing/receivers";

const SECRET = "s3cret-for-hmac";
const ENV = { HOOK_SECRET: SECRET };
const FAST_RETRY = { attempts: 5, initialDelayMs: 10, maxDelayMs: 50, timeoutMs: 2_000 };

let store: SnapshotStore;
let dispose: () => Promise<void>;
const closers: (() => Promise<void>)[] = [];

// One store for the file (opening PGlite is the slow part); each test has its own snapshots and
// sink names, so deliveries and ledgers never meet.
beforeAll(async () => {
  ({ store, dispose } = await openPgliteTestStore());
}, 60_000);
afterAll(async () => {
  await dispose();
});
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

let day = 0;

/** S1 with the default findings; S2: state (critical) resolved, aliases medium → high, a new critical grant, a new low one. */
async function saveTwoSnapshots() {
  day += 2;
  const at = (d: number) => new Date(Date.UTC(2026, 0, d, 8)).toISOString();
  const first = makeSnapshot({ id: `snap-${day}-a`, startedAt: at(day) });
  await store.saveSnapshot(first);
  const second = makeSnapshot({ id: `snap-${day}-b`, startedAt: at(day + 1) });
  second.findings = [
    ...defaultFindings()
      .filter((f) => f.property !== "state")
      .map((f) => (f.property === "aliases" ? { ...f, severity: "high" as const } : f)),
    makeFinding({
      property: "grants",
      severity: "critical",
      what: "wider-grant",
      title: "grants wider in eu-west-1: <script>alert(1)</script> & | co",
    }),
    makeFinding({ property: "description", severity: "low", what: "desc" }),
  ];
  const saved = await store.saveSnapshot(second);
  return { second, changes: saved.changes };
}

function config(sinks: unknown[], extra: Record<string, unknown> = {}): NotifyConfig {
  return notifyConfigSchema.parse({
    dashboardUrl: "https://kms-drift.example.com/",
    retry: FAST_RETRY,
    sinks,
    ...extra,
  });
}

/** A webhook receiver (answering `statuses` first) and a config with one webhook sink to it. */
async function webhookSink(
  name: string,
  statuses: number[] = [],
  extra: Record<string, unknown> = {},
) {
  const hook = await startWebhookReceiver(SECRET, statuses);
  closers.push(hook.close);
  const notify = config(
    [{ type: "webhook", name, url: hook.url, secretEnv: "HOOK_SECRET" }],
    extra,
  );
  return { hook, notify };
}

const ref = (s: Snapshot) => ({ id: s.id, startedAt: s.startedAt, finishedAt: s.finishedAt });

describe("notifications after a stored snapshot", () => {
  it("delivers one signed digest of new, resolved and worsened findings to a webhook, Slack and SMTP", async () => {
    const { second, changes } = await saveTwoSnapshots();
    const hook = await startWebhookReceiver(SECRET);
    const slack = await startSlackReceiver();
    const smtp = await startSmtpReceiver();
    closers.push(hook.close, slack.close, smtp.close);
    const notify = config([
      { type: "webhook", name: "siem", url: hook.url, secretEnv: "HOOK_SECRET" },
      { type: "slack", name: "sec-channel", urlEnv: "SLACK_URL" },
      {
        type: "email",
        name: "auditors",
        host: "127.0.0.1",
        port: smtp.port,
        requireTls: false,
        from: "kms-drift@example.com",
        to: ["audit@example.com"],
      },
    ]);
    const notifier = createNotifier({ store, env: { ...ENV, SLACK_URL: slack.url } });
    const outcomes = await notifier.afterSave(ref(second), changes, notify);

    expect(outcomes.map((o) => [o.sink, o.status, o.attempts]).sort()).toEqual([
      ["auditors", "sent", 1],
      ["sec-channel", "sent", 1],
      ["siem", "sent", 1],
    ]);
    const [payload] = hook.payloads();
    expect(hook.requests.map((r) => r.status)).toEqual([200]);
    expect(payload?.counts).toEqual({ new: 1, resolved: 1, worsened: 1 });
    expect(payload?.new.map((f) => [f.property, f.severity])).toEqual([["grants", "critical"]]);
    expect(payload?.resolved.map((f) => [f.property, f.severity])).toEqual([["state", "critical"]]);
    expect(payload?.worsened.map((f) => [f.property, f.previousSeverity, f.severity])).toEqual([
      ["aliases", "medium", "high"],
    ]);
    expect(payload?.snapshot.url).toBe(`https://kms-drift.example.com/snapshots/${second.id}`);
    expect(payload?.snapshot.reportUrl).toBe(
      `https://kms-drift.example.com/api/snapshots/${second.id}/export?format=html`,
    );
    expect(payload?.new[0]?.url).toBe(
      "https://kms-drift.example.com/families/111122223333%3Amrk-1234abcd",
    );

    const [message] = slack.messages();
    const text = JSON.stringify(message?.blocks);
    expect(message?.text).toBe(
      "kms-drift: 1 new, 1 resolved and 1 worsened findings at or above high",
    );
    expect(text).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; ¦ co");
    expect(text).not.toContain("<script>");

    const [mail] = smtp.messages;
    expect(smtp.messages).toHaveLength(1);
    expect(mail?.subject).toBe(
      `kms-drift: 1 new, 1 resolved, 1 worsened at or above high (snapshot ${second.id.slice(0, 8)})`,
    );
    expect(mail?.text).toContain("[medium -> high] aliases differs in us-east-1");
    expect(mail?.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(mail?.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      [`kms-drift-${second.id}.report.html`, "text/html"],
    ]);
    const report = mail?.attachments[0]?.content.toString("utf8") ?? "";
    expect(report).toMatch(/^<!doctype html>/i);
    expect(report).toContain(second.id);

    const stored = await store.deliveries.listForSnapshot(second.id);
    expect(stored.map((d) => [d.sink, d.status, d.attemptLog.map((a) => a.outcome)])).toEqual([
      ["auditors", "sent", ["ok"]],
      ["sec-channel", "sent", ["ok"]],
      ["siem", "sent", ["ok"]],
    ]);
    expect(stored.find((d) => d.sink === "siem")?.attemptLog[0]?.statusCode).toBe(200);
  }, 30_000);

  it("sends nothing twice: a second run for the same snapshot, and changes a sink has already heard", async () => {
    const { second, changes } = await saveTwoSnapshots();
    const { hook, notify } = await webhookSink("siem-dedupe");
    const notifier = createNotifier({ store, env: ENV });
    await notifier.afterSave(ref(second), changes, notify);
    const again = await notifier.afterSave(ref(second), changes, notify);
    expect(again.map((o) => [o.sink, o.status])).toEqual([["siem-dedupe", "sent"]]);
    expect(hook.requests).toHaveLength(1);

    // A third snapshot whose comparison shows everything as new (e.g. its predecessor missed a
    // region): only what the sink was never told goes out.
    const third = makeSnapshot({
      id: `${second.id}-c`,
      startedAt: new Date(Date.parse(second.startedAt) + 3_600_000).toISOString(),
    });
    const denyRemoved = makeFinding({
      property: "policy",
      severity: "critical",
      what: "deny-removed",
    });
    third.findings = [...second.findings, denyRemoved];
    await store.saveSnapshot(third);
    await notifier.afterSave(ref(third), compareFindings([], third.findings), notify);
    expect(hook.requests).toHaveLength(2);
    // Announced before (grants new, aliases worsened) stays out; the high policy finding was never
    // announced (it did not change in S2), the critical one is new.
    const wider = makeFinding({ property: "policy", severity: "high", what: "wider-decrypt" });
    expect(
      hook
        .payloads()[1]
        ?.new.map((f) => f.id)
        .sort(),
    ).toEqual([denyRemoved.id, wider.id].sort());
  }, 30_000);

  it("never announces as resolved a finding whose region was not read", async () => {
    day += 2;
    const at = (d: number) => new Date(Date.UTC(2026, 0, d, 8)).toISOString();
    await store.saveSnapshot(makeSnapshot({ id: `snap-${day}-a`, startedAt: at(day) }));
    // ap-southeast-2 could not be read: its critical `state` finding is gone but not fixed.
    const partial = makeSnapshot({ id: `snap-${day}-b`, startedAt: at(day + 1) });
    partial.regions = partial.regions.map((r) =>
      r.region === "ap-southeast-2" ? { ...r, status: "error", error: "connect ECONNREFUSED" } : r,
    );
    partial.findings = partial.findings.filter((f) => f.region !== "ap-southeast-2");
    partial.keys = partial.keys.filter((k) => k.region !== "ap-southeast-2");
    const { changes } = await store.saveSnapshot(partial);
    expect(changes.unverified.map((f) => f.property)).toContain("state");
    const { hook, notify } = await webhookSink("siem-unread");
    const outcomes = await createNotifier({ store, env: ENV }).afterSave(
      ref(partial),
      changes,
      notify,
    );
    expect(outcomes.map((o) => o.status)).toEqual(["skipped"]);
    expect(hook.requests).toEqual([]);
  }, 30_000);

  it("retries a receiver that answers 500 three times, then delivers exactly once", async () => {
    const { second, changes } = await saveTwoSnapshots();
    const { hook, notify } = await webhookSink("siem-retry", [500, 500, 500]);
    const outcomes = await createNotifier({ store, env: ENV }).afterSave(
      ref(second),
      changes,
      notify,
    );
    expect(outcomes.map((o) => [o.status, o.attempts])).toEqual([["sent", 4]]);
    expect(hook.requests.map((r) => r.status)).toEqual([500, 500, 500, 200]);
    expect(hook.payloads()).toHaveLength(1);
    // Every attempt carries the same idempotency key, each with its own signature and time.
    expect(new Set(hook.requests.map((r) => r.headers["x-kms-drift-delivery"])).size).toBe(1);
    const [delivery] = await store.deliveries.listForSnapshot(second.id);
    expect(delivery?.attemptLog.map((a) => [a.outcome, a.statusCode])).toEqual([
      ["retry", 500],
      ["retry", 500],
      ["retry", 500],
      ["ok", 200],
    ]);
  }, 30_000);

  it("leaves the snapshot stored and records the failure when the receiver is down", async () => {
    const { second, changes } = await saveTwoSnapshots();
    const port = await closedPort();
    const notify = config(
      [
        {
          type: "webhook",
          name: "siem-down",
          url: `http://127.0.0.1:${port}/hook`,
          secretEnv: "HOOK_SECRET",
        },
      ],
      { retry: { ...FAST_RETRY, attempts: 3 } },
    );
    const outcomes = await createNotifier({ store, env: ENV }).afterSave(
      ref(second),
      changes,
      notify,
    );
    expect(outcomes.map((o) => [o.status, o.attempts, o.error])).toEqual([
      ["failed", 3, "connection failed (ECONNREFUSED)"],
    ]);
    expect((await store.getSnapshot(second.id))?.id).toBe(second.id);
    const [delivery] = await store.deliveries.listForSnapshot(second.id);
    expect(delivery?.status).toBe("failed");
    expect(delivery?.lastError).toBe("connection failed (ECONNREFUSED)");
    expect(delivery?.attemptLog.map((a) => a.outcome)).toEqual(["retry", "retry", "failed"]);
  }, 30_000);

  it("fails at once, without retrying, when the secret's environment variable is missing or the receiver refuses", async () => {
    const { second, changes } = await saveTwoSnapshots();
    const hook = await startWebhookReceiver("another-secret");
    closers.push(hook.close);
    const notify = config([
      { type: "webhook", name: "unsigned", url: hook.url, secretEnv: "NOT_SET_ANYWHERE" },
      { type: "webhook", name: "wrong-key", url: hook.url, secretEnv: "HOOK_SECRET" },
    ]);
    const outcomes = await createNotifier({ store, env: ENV }).afterSave(
      ref(second),
      changes,
      notify,
    );
    expect(outcomes.map((o) => [o.sink, o.status, o.attempts, o.error]).sort()).toEqual([
      [
        "unsigned",
        "failed",
        1,
        "environment variable NOT_SET_ANYWHERE (the webhook signing secret) is not set",
      ],
      ["wrong-key", "failed", 1, "HTTP 400"],
    ]);
    expect(hook.requests).toHaveLength(1);
  }, 30_000);

  it("does not resend after a crash during an attempt; it records the outcome as unknown", async () => {
    const { second, changes } = await saveTwoSnapshots();
    const { hook, notify } = await webhookSink("crashy");
    // Plan, then die in the middle of the first attempt (claimed, never finished).
    let clock = new Date("2026-11-24T09:00:00.000Z");
    const crashed = createNotifier({ store, env: ENV, now: () => clock });
    const [planned] = await store.deliveries.plan(
      {
        snapshotId: second.id,
        sinks: [{ name: "crashy", type: "webhook" }],
        findingIds: [],
        now: clock.toISOString(),
      },
      () => ({ status: "pending", content: {}, ledger: [] }),
    );
    expect(await store.deliveries.beginAttempt(planned?.id ?? "", clock.toISOString())).toBe(1);
    clock = new Date(clock.getTime() + 6 * 60_000);
    const resumed = await crashed.afterSave(ref(second), changes, notify);
    expect(resumed.map((o) => [o.sink, o.status])).toEqual([["crashy", "unknown"]]);
    expect(hook.requests).toEqual([]);
    const [delivery] = await store.deliveries.listForSnapshot(second.id);
    expect(delivery?.attemptLog.map((a) => a.outcome)).toEqual(["interrupted"]);
    expect(delivery?.lastError).toMatch(/not resent/);
  }, 30_000);

  it("records a skipped delivery when nothing reaches the threshold", async () => {
    const { second, changes } = await saveTwoSnapshots();
    const { hook, notify } = await webhookSink("siem-quiet", [], { minSeverity: "critical" });
    const only = { ...changes, new: [], resolved: [] };
    const outcomes = await createNotifier({ store, env: ENV }).afterSave(ref(second), only, notify);
    expect(outcomes.map((o) => o.status)).toEqual(["skipped"]);
    expect(hook.requests).toEqual([]);
  }, 30_000);
});

describe("the README's signature check", () => {
  it("accepts the exact body and refuses a changed body, a changed timestamp or an old one", () => {
    const body = JSON.stringify({ sentAt: "2026-11-24T08:00:00.000Z" });
    const sign = (text: string) =>
      `sha256=${createHmac("sha256", SECRET).update(text).digest("hex")}`;
    const headers = (signature: string, timestamp: number) => ({
      "x-kms-drift-signature": signature,
      "x-kms-drift-timestamp": String(timestamp),
    });
    const at = Date.parse("2026-11-24T08:00:00.000Z") / 1000;
    expect(verifySignature(SECRET, body, headers(sign(body), at), at + 10)).toBeNull();
    expect(verifySignature(SECRET, `${body} `, headers(sign(body), at), at)).toBe("bad signature");
    expect(verifySignature(SECRET, body, headers(sign(body), at + 1), at)).toBe(
      "timestamp does not match sentAt",
    );
    expect(verifySignature(SECRET, body, headers(sign(body), at), at + 301)).toBe(
      "stale timestamp",
    );
  });
});
