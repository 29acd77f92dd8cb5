import { z } from "zod";
import { contentDisposition, EXPORT_FORMATS, exportSnapshot } from "@/lib/report/export-file";
import { ApiError } from "@/lib/server/api-errors";
import { snapshotIdSchema } from "@/lib/server/snapshot-history";
import { getStore } from "@/lib/server/store";
import { methodNotAllowed, queryOf, withApi } from "@/lib/server/with-api";

export const dynamic = "force-dynamic";

const exportQuerySchema = z.object({ format: z.enum(EXPORT_FORMATS) });

// GET /api/snapshots/:id/export?format=bundle|csv|html|asff|ocsf – a download, streamed where the format allows.
export const GET = withApi<{ id: string }>(async (request, { params }) => {
  const snapshotId = snapshotIdSchema.parse((await params).id);
  const { format } = exportQuerySchema.parse(queryOf(request));
  const file = await exportSnapshot(await getStore(), { snapshotId, format });
  if (!file) throw new ApiError("not_found", `snapshot ${snapshotId} not found`);
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": contentDisposition(file.filename),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});

export const POST = methodNotAllowed("GET, HEAD");
