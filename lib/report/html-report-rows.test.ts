import { describe, expect, it } from "vitest";
import { openStore } from "../store/store";
import { openTestClient, testBackends } from "../store/test-store";
import { sharedStoreWithFullSnapshots, storeWithFullSnapshots } from "./test-export-fixtures";
import { htmlReportExport, loadExportInput, readBody } from "./export-file";
import { renderHtmlReport } from "./html-report";

const createdAt = new Date("2026-11-24T09:00:00.000Z");

describe.each(testBackends())("the HTML report read from rows on $name", (backend) => {
  const saved = sharedStoreWithFullSnapshots(backend);

  it.each([
    ["b-2", 7],
    ["b-2", 500],
    ["b-1", 7],
  ] as const)(
    "is the whole-snapshot report of %s byte for byte, %i rows a page",
    async (id, pageSize) => {
      const input = await loadExportInput(saved().store, id);
      if (!input) throw new Error(`no snapshot ${id}`);
      const whole = renderHtmlReport({ ...input, createdAt });
      const file = await htmlReportExport(saved().store, id, { createdAt, pageSize });
      expect(file?.filename).toBe(`kms-drift-${id}.report.html`);
      // A piece at a time: the document around the drifted families, then each family.
      expect(file?.body).toBeInstanceOf(ReadableStream);
      const streamed = await readBody(file?.body ?? "");
      expect(streamed).toBe(whole);
      // The fixture reaches each part the rows feed: key errors, families in sync, a drifted one.
      expect(streamed).toContain("<td>AccessDeniedException: denied 5</td>");
      expect(streamed).toContain("In sync (9)");
      expect(streamed).toContain("Alias &lt;b&gt;gone&lt;/b&gt;\\u202E");
    },
  );

  it("is null for a snapshot that is not stored", async () => {
    expect(await htmlReportExport(saved().store, "no-such-snapshot")).toBeNull();
  });
});

describe.each(testBackends())("the HTML report of unreadable rows on $name", (backend) => {
  it("refuses a key it cannot read with the whole read's error, before the report starts", async () => {
    const { env, store, dispose } = await storeWithFullSnapshots(backend);
    try {
      await store.close();
      const client = await openTestClient(env);
      try {
        await client.query(
          `update snapshot_keys set doc = '{"arn": 5}'::json where snapshot_id = 'b-2' and position = 13`,
        );
      } finally {
        await client.close();
      }
      const reopened = await openStore({ env });
      try {
        await expect(reopened.getSnapshot("b-2")).rejects.toThrow(
          /^stored snapshot b-2 is not readable: keys\[13\]\.account: /,
        );
        const whole = await reopened.getSnapshot("b-2").catch((e: unknown) => String(e));
        await expect(htmlReportExport(reopened, "b-2", { pageSize: 7 })).rejects.toThrow(
          String(whole).replace(/^SnapshotFormatError: /, ""),
        );
      } finally {
        await reopened.close();
      }
    } finally {
      await dispose();
    }
  });
});
