import { expect, type APIRequestContext } from "@playwright/test";

/**
 * What a test may rely on whatever ran before it: the server's first snapshot has landed and no
 * scan is running. The server takes that snapshot itself when it starts. `base` names another
 * server than the default one (`http://127.0.0.1:3102`).
 */
export async function waitForSnapshotAndIdleScanner(
  request: APIRequestContext,
  base = "",
): Promise<void> {
  await expect
    .poll(async () => (await request.get(`${base}/api/snapshots/latest`)).status(), {
      timeout: 120_000,
    })
    .toBe(200);
  await expect
    .poll(
      async () =>
        ((await (await request.get(`${base}/api/scan`)).json()) as { running: boolean }).running,
      { timeout: 120_000 },
    )
    .toBe(false);
}
