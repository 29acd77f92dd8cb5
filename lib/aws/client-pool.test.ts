import { createServer, type Server } from "node:http";
import { ListKeysCommand } from "@aws-sdk/client-kms";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClientPool } from "./client-pool";

/** A KMS stand-in that answers every request after 20 ms and counts open connections. */
let server: Server;
let url: string;
let open = 0;
let peakOpen = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      setTimeout(() => {
        res
          .writeHead(200, { "content-type": "application/x-amz-json-1.1" })
          .end('{"Keys":[],"Truncated":false}');
      }, 20);
    });
  });
  server.on("connection", (socket) => {
    open += 1;
    peakOpen = Math.max(peakOpen, open);
    socket.on("close", () => (open -= 1));
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

describe("ClientPool at many (account, region) clients", () => {
  it("keeps every client's requests within one bound on sockets", async () => {
    const pool = new ClientPool({ quotas: {}, endpoint: url, maxInFlight: 16 });
    const accounts = Array.from({ length: 40 }, (_, i) => String(100000000000 + i));
    const regions = ["us-east-1", "eu-west-1", "ap-northeast-1", "us-west-2", "eu-central-1"];
    for (const account of accounts)
      pool.setAccountCredentials(account, () =>
        Promise.resolve({ accessKeyId: `AKIA${account}`, secretAccessKey: "x" }),
      );
    try {
      const answers = await Promise.all(
        accounts.flatMap((account) =>
          regions.map((region) => pool.kms(account, region).send(new ListKeysCommand({}))),
        ),
      );
      expect(answers).toHaveLength(200);
      expect(peakOpen).toBeGreaterThan(1);
      expect(peakOpen).toBeLessThanOrEqual(16);
    } finally {
      pool.destroy();
    }
  });
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
