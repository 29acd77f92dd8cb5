import { CreateKeyCommand } from "@aws-sdk/client-kms";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxServer } from "../sandbox/server";
import { createKms, startTestSandbox } from "../sandbox/testing/clients";
import { readKey } from "./read-key";

let sb: SandboxServer;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.close());

/** A client whose GetKeyLastUsage fails with `error` before reaching the sandbox. */
function clientFailingLastUse(error: Error) {
  const client = createKms(sb.url, "us-east-1");
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === "GetKeyLastUsageCommand") throw error;
      return next(args);
    },
    { step: "initialize", name: "failLastUse" },
  );
  return client;
}

function awsError(name: string, status: number): Error {
  return Object.assign(new Error(`${name} from the test`), {
    name,
    $metadata: { httpStatusCode: status },
  });
}

describe("reading last use", () => {
  it("records a last-use read that got no answer on the key and reads everything else", async () => {
    const keyId =
      (await createKms(sb.url, "us-east-1").send(new CreateKeyCommand({}))).KeyMetadata?.KeyId ??
      "";
    const ref = {
      account: "111122223333",
      region: "us-east-1",
      keyId,
      arn: `arn:aws:kms:us-east-1:111122223333:key/${keyId}`,
    };
    const record = await readKey(clientFailingLastUse(awsError("ThrottlingException", 400)), {
      ref,
      aliases: [],
      shouldReadRotation: () => true,
      readLastUse: true,
    });
    expect(record.lastUse).toBeNull();
    expect(record.errors).toEqual([
      expect.objectContaining({ property: "lastUse", code: "ThrottlingException" }),
    ]);
    expect(record.policy).not.toBeNull();
    expect(record.rotation).not.toBeNull();
  });

  it("still lets the scan deadline end the read", async () => {
    const keyId =
      (await createKms(sb.url, "us-east-1").send(new CreateKeyCommand({}))).KeyMetadata?.KeyId ??
      "";
    const read = readKey(clientFailingLastUse(awsError("AbortError", 0)), {
      ref: {
        account: "111122223333",
        region: "us-east-1",
        keyId,
        arn: `arn:aws:kms:us-east-1:111122223333:key/${keyId}`,
      },
      aliases: [],
      shouldReadRotation: () => false,
      readLastUse: true,
    });
    await expect(read).rejects.toMatchObject({ name: "ReadInterruptedError" });
  });
});
