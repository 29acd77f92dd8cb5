import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeSnapshot } from "@/lib/store/test-fixtures";
import { getStore } from "@/lib/server/store";
import { GET as getSnapshot } from "./snapshots/[id]/route";
import { GET as getExport } from "./snapshots/[id]/export/route";

let dataDir = "";

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-api-unreadable-"));
  process.env.KMS_DRIFT_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  const newer = makeSnapshot({ id: "newer-format", startedAt: "2026-11-23T08:00:00.000Z" });
  Object.assign(newer, { schemaVersion: 2 });
  await (await getStore()).saveSnapshot(newer);
  const odd = makeSnapshot({ id: "odd-finding", startedAt: "2026-11-22T08:00:00.000Z" });
  const first = odd.findings[0];
  if (first) Object.assign(first, { detail: { rule: "no-such-rule" } });
  await (await getStore()).saveSnapshot(odd);
});

afterAll(async () => {
  await (await getStore()).close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("GET /api/snapshots/:id of a snapshot this kms-drift cannot read", () => {
  it("answers 500 with the reason, naming the snapshot", async () => {
    const response = await getSnapshot(new Request("http://127.0.0.1/api/snapshots/newer-format"), {
      params: Promise.resolve({ id: "newer-format" }),
    });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      error: {
        code: "internal_error",
        message:
          "stored snapshot newer-format has schemaVersion 2; this kms-drift reads schemaVersion 1: read it with the newer kms-drift that wrote it",
      },
    });
  });
});

describe("GET /api/snapshots/:id/export of a snapshot this kms-drift cannot read", () => {
  it.each(["csv", "asff", "ocsf"])(
    "%s: a finding it cannot read is a 500 naming it, before any of the download",
    async (format) => {
      const response = await getExport(
        new Request(`http://127.0.0.1/api/snapshots/odd-finding/export?format=${format}`),
        { params: Promise.resolve({ id: "odd-finding" }) },
      );
      expect(response.status).toBe(500);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("internal_error");
      expect(body.error.message).toMatch(
        /^stored snapshot odd-finding is not readable: findings\[0\]\.detail\.rule: /,
      );
    },
  );

  it("a snapshot of another format is a 500 too", async () => {
    const response = await getExport(
      new Request("http://127.0.0.1/api/snapshots/newer-format/export?format=csv"),
      { params: Promise.resolve({ id: "newer-format" }) },
    );
    expect(response.status).toBe(500);
  });
});
