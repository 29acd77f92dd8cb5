import { createServer, type Server } from "node:http";
import { ListKeysCommand } from "@aws-sdk/client-kms";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClientPool } from "./client-pool";

/** A KMS stand-in that answers every ListKeys with no keys. */
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () =>
      res
        .writeHead(200, { "content-type": "application/x-amz-json-1.1" })
        .end('{"Keys":[],"Truncated":false}'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("no port");
  url = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("ClientPool.forget", () => {
  it("lets go of a finished account-region's client, keeps its counters and the shared agents", async () => {
    const pool = new ClientPool({ quotas: {}, endpoint: url });
    pool.setAccountCredentials("111122223333", () =>
      Promise.resolve({ accessKeyId: "AKIAEXAMPLE", secretAccessKey: "x" }),
    );
    try {
      const first = pool.kms("111122223333", "eu-west-1");
      const other = pool.kms("111122223333", "us-east-1");
      await first.send(new ListKeysCommand({}));
      pool.forget("111122223333", "eu-west-1", "kms");

      const again = pool.kms("111122223333", "eu-west-1");
      expect(again).not.toBe(first);
      expect(pool.kms("111122223333", "us-east-1")).toBe(other);
      // The other clients still reach AWS: forgetting did not close the agents they share.
      await other.send(new ListKeysCommand({}));
      await again.send(new ListKeysCommand({}));
      expect(pool.pacer("111122223333", "eu-west-1").stats.calls).toBe(2);
    } finally {
      pool.destroy();
    }
  });
});
