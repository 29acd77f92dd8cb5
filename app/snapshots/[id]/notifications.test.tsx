import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifyConfigSchema } from "@/lib/notify/config-schema";
import { createNotifier } from "@/lib/notify/notifier";
import { closedPort } from "@/lib/notify/testing/receivers";
import { getStore } from "@/lib/server/store";
import { makeFinding, makeSnapshot } from "@/lib/store/test-fixtures";
import { GET as getSnapshot } from "../../api/snapshots/[id]/route";
import SnapshotPage from "./page";

let dataDir = "";
const ID = "snap-notified";

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-notified-"));
  process.env.KMS_DRIFT_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  const store = await getStore();
  await store.saveSnapshot(
    makeSnapshot({ id: "snap-before", startedAt: "2026-11-23T08:00:00.000Z" }),
  );
  const snapshot = makeSnapshot({ id: ID, startedAt: "2026-11-24T08:00:00.000Z" });
  snapshot.findings.push(
    makeFinding({ property: "grants", severity: "critical", what: "new-grant" }),
  );
  const { changes } = await store.saveSnapshot(snapshot);
  const config = notifyConfigSchema.parse({
    dashboardUrl: "http://127.0.0.1:3000",
    retry: { attempts: 2, initialDelayMs: 10, maxDelayMs: 10, timeoutMs: 1_000 },
    sinks: [
      {
        type: "webhook",
        name: "siem",
        url: `http://127.0.0.1:${await closedPort()}/hook`,
        secretEnv: "HOOK_SECRET",
      },
    ],
  });
  await createNotifier({ store, env: { HOOK_SECRET: "x" } }).afterSave(snapshot, changes, config);
});

afterAll(async () => {
  await (await getStore()).close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("a failed notification on the snapshot's page and API", () => {
  it("lists the delivery with each attempt, without what was sent", async () => {
    const response = await getSnapshot(new Request(`http://127.0.0.1/api/snapshots/${ID}`), {
      params: Promise.resolve({ id: ID }),
    });
    const body = (await response.json()) as { deliveries: Record<string, unknown>[] };
    expect(body.deliveries).toEqual([
      expect.objectContaining({
        sink: "siem",
        sinkType: "webhook",
        status: "failed",
        attempts: 2,
        lastError: "connection failed (ECONNREFUSED)",
        attemptLog: [
          expect.objectContaining({ attempt: 1, outcome: "retry" }),
          expect.objectContaining({ attempt: 2, outcome: "failed" }),
        ],
      }),
    ]);
    expect(body.deliveries[0]).not.toHaveProperty("content");
  });

  it("shows the failure in the page's Notifications section", async () => {
    const page = await SnapshotPage({ params: Promise.resolve({ id: ID }) });
    const markup = renderToStaticMarkup(page);
    const section = markup.slice(markup.indexOf('id="notifications-heading"'));
    expect(section).toContain("siem</span> (webhook)");
    expect(section).toContain("failed</span> after 2 attempts — connection failed (ECONNREFUSED)");
  });
});
