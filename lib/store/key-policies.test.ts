import { describe, expect, it } from "vitest";
import type { KeyRecord, PolicyDocument } from "../domain/key-record";
import type { Snapshot } from "../domain/snapshot";
import { openStore } from "./store";
import { makeSnapshot } from "./test-fixtures";
import { openTestClient, testBackends } from "./test-store";

const OWN_POLICY: PolicyDocument = {
  Version: "2012-10-17",
  // A lone statement object, as AWS accepts it.
  Statement: { Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" },
};

const regionalPolicy = (region: string): PolicyDocument => ({
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "Allow CloudWatch Logs",
      Effect: "Allow",
      Principal: { Service: `logs.${region}.amazonaws.com` },
      Action: ["kms:Encrypt*", "kms:Decrypt*"],
      Resource: "*",
    },
  ],
});

/** Keys in three regions sharing one policy per region, one without a policy, one with its own. */
function snapshotWithPolicies(): Snapshot {
  const snapshot = makeSnapshot({ id: "policies", extraKeys: 30 });
  const keys: KeyRecord[] = snapshot.keys.map((key, index) =>
    index === 4
      ? {
          ...key,
          policy: null,
          errors: [{ property: "policy", code: "AccessDeniedException", message: "denied" }],
        }
      : { ...key, policy: index === 5 ? OWN_POLICY : regionalPolicy(key.region) },
  );
  return { ...snapshot, keys };
}

describe.each(testBackends())("key policies on $name", (backend) => {
  it("stores each distinct policy once, and every reader gives each key its own", async () => {
    const snapshot = snapshotWithPolicies();
    const distinct = new Set(
      snapshot.keys.flatMap((k) => (k.policy ? [JSON.stringify(k.policy)] : [])),
    );
    // One policy per region of the fixture (3), and OWN_POLICY.
    expect(distinct.size).toBe(4);
    const { env, dispose } = await backend.storeEnv();
    try {
      const store = await openStore({ env });
      try {
        await store.saveSnapshot(snapshot);
        expect(await store.getSnapshot("policies")).toEqual(snapshot);
        const paged = await store.snapshotRows("policies", "keys", -1, 1_000);
        expect(paged.map((r) => r.element)).toEqual(snapshot.keys);
        const family = snapshot.families[0] ?? expect.fail("the fixture has a family");
        const slice = await store.familySlice("policies", family.id);
        const members = new Set(family.members.map((m) => m.arn));
        // The slice reads its keys in no particular order.
        const byArn = (keys: KeyRecord[]) => [...keys].sort((a, b) => a.arn.localeCompare(b.arn));
        expect(byArn(slice?.keys ?? [])).toEqual(
          byArn(snapshot.keys.filter((k) => members.has(k.arn))),
        );
      } finally {
        await store.close();
      }
      const client = await openTestClient(env);
      try {
        const stored = await client.query<{ doc: unknown }>(
          "select doc from snapshot_policies where snapshot_id = $1 order by policy_id",
          ["policies"],
        );
        expect(new Set(stored.map((p) => JSON.stringify(p.doc)))).toEqual(distinct);
        expect(stored).toHaveLength(distinct.size);
        // A key's own row keeps no copy of its policy.
        const inline = await client.query<{ n: number }>(
          `select count(*)::int as n from snapshot_keys
           where snapshot_id = $1 and json_typeof(doc->'policy') <> 'null'`,
          ["policies"],
        );
        expect(inline[0]?.n).toBe(0);
      } finally {
        await client.close();
      }
    } finally {
      await dispose();
    }
  }, 60_000);
});
