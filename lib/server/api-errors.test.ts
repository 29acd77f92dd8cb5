import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ApiError, handleApiError } from "./api-errors";
import { withApi } from "./with-api";

describe("handleApiError", () => {
  it("maps our errors to their status and one body", async () => {
    const response = handleApiError(new ApiError("not_found", "family x not found"));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: "not_found", message: "family x not found" },
    });
  });

  it("names the zod parameter in a 400", async () => {
    const error = z.object({ limit: z.number() }).safeParse({ limit: "x" }).error;
    const response = handleApiError(error);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /^invalid parameter "limit": /,
    );
  });

  it("hides anything else behind a generic 500", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const secret = Object.assign(
      new Error("AccessDeniedException: arn:aws:iam::111122223333:role/secret at /srv/app.js:1"),
      { name: "AccessDeniedException" },
    );
    const handler = withApi(() => {
      throw secret;
    });
    const response = await handler(new Request("http://127.0.0.1/api/x"), {
      params: Promise.resolve({}),
    });
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(text).not.toContain("arn:aws");
    expect(text).not.toContain("/srv");
    expect(JSON.parse(text)).toEqual({
      error: { code: "internal_error", message: "internal error; see the server log" },
    });
    log.mockRestore();
  });
});
