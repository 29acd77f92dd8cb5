import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyBundle } from "@/lib/report/verify-bundle";
import { fullSnapshot } from "@/lib/report/test-export-fixtures";
import { getStore } from "@/lib/server/store";
import { GET } from "./route";

let dataDir = "";

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-export-route-"));
  process.env.KMS_DRIFT_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  const store = await getStore();
  await store.saveSnapshot(fullSnapshot("r-1", "2026-11-20T08:00:00.000Z", 12));
  const odd = fullSnapshot("r-odd", "2026-11-21T08:00:00.000Z", 12);
  const finding = odd.findings[2];
  if (finding) Object.assign(finding, { detail: { rule: "no-such-rule" } });
  await store.saveSnapshot(odd);
});

afterAll(async () => {
  await (await getStore()).close();
  await rm(dataDir, { recursive: true, force: true });
});

function exportOf(id: string, format: string): Promise<Response> {
  return GET(new Request(`http://127.0.0.1/api/snapshots/${id}/export?format=${format}`), {
    params: Promise.resolve({ id }),
  });
}

describe("GET /api/snapshots/:id/export of the bundle and the HTML report, read from rows", () => {
  it("streams a bundle that verifies", async () => {
    const response = await exportOf("r-1", "bundle");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(
      'attachment; filename="kms-drift-r-1.evidence.json"',
    );
    const bundle = (await response.json()) as { parts: { snapshot: { keys: unknown[] } } };
    expect(bundle.parts.snapshot.keys).toHaveLength(23);
    expect(verifyBundle(bundle)).toEqual({ ok: true, problems: [] });
  });

  it("streams the HTML report", async () => {
    const response = await exportOf("r-1", "html");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await response.text()).toMatch(/^<!doctype html><html lang="en">.*In sync \(9\)/s);
  });

  it.each(["bundle", "html"])(
    "%s: a finding it cannot read is a 500 naming it, before any of the download",
    async (format) => {
      const response = await exportOf("r-odd", format);
      expect(response.status).toBe(500);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("internal_error");
      expect(body.error.message).toMatch(
        /^stored snapshot r-odd is not readable: findings\[2\]\.detail\.rule: /,
      );
    },
  );

  it.each(["bundle", "html"])("%s: an unknown snapshot is a 404", async (format) => {
    const response = await exportOf("gone", format);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: "not_found", message: "snapshot gone not found" },
    });
  });
});
