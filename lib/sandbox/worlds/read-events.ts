import type { SandboxApi } from "../types";
import { hashText } from "./policy-render";
import type { Random } from "./random";

/** A key that applications use; read events are spread over [since, until). */
export interface ReadTarget {
  account: string;
  region: string;
  arn: string;
  app: string;
  since: Date;
}

const READ_OPERATIONS = [
  "Decrypt",
  "Decrypt",
  "Decrypt",
  "GenerateDataKey",
  "GenerateDataKey",
  "Encrypt",
] as const;

function buildRequestParameters(
  operation: string,
  arn: string,
  app: string,
  n: number,
): Record<string, unknown> {
  const encryptionContext = { "aws:app": app, "request-batch": String(n % 97) };
  // What CloudTrail logs for each (docs/aws-facts.md#cloudtrail-records): never plaintext or
  // ciphertext; symmetric Decrypt carries no keyId (the key comes from the ciphertext) but names it
  // in `resources`.
  if (operation === "Decrypt")
    return { encryptionAlgorithm: "SYMMETRIC_DEFAULT", encryptionContext };
  if (operation === "GenerateDataKey") return { keyId: arn, keySpec: "AES_256", encryptionContext };
  return { keyId: arn, encryptionAlgorithm: "SYMMETRIC_DEFAULT", encryptionContext };
}

/**
 * Records `count` Encrypt/Decrypt/GenerateDataKey events, oldest first, as the applications' roles.
 * They go straight into CloudTrail (api.recordEvent, which also makes them each key's last use):
 * running thousands of real crypto calls would add nothing a scanner can see. With `usedAfter`,
 * the first events give every target one use after that instant (so each key's GetKeyLastUsage
 * shows a use once tracking has begun).
 */
export function addReadEvents(
  api: SandboxApi,
  random: Random,
  targets: ReadTarget[],
  count: number,
  until: Date,
  usedAfter?: Date,
): number {
  if (targets.length === 0 || count <= 0) return 0;
  const plan = (target: ReadTarget, after: number) => {
    const from = Math.max(target.since.getTime(), after) + 60_000;
    const span = Math.max(1_000, until.getTime() - from);
    return {
      target,
      at: Math.floor((from + random.next() * span) / 1000) * 1000,
      operation: random.pick(READ_OPERATIONS),
    };
  };
  const guaranteed = usedAfter ? targets.slice(0, count) : [];
  const planned = [
    ...guaranteed.map((target) => plan(target, usedAfter?.getTime() ?? 0)),
    ...Array.from({ length: count - guaranteed.length }, () => plan(random.pick(targets), 0)),
  ];
  planned.sort((a, b) => a.at - b.at);
  planned.forEach(({ target, at, operation }, n) => {
    // An EC2 instance id as the role session name, stable per application and region.
    const session = `i-0${hashText(`${target.app}@${target.region}`, 0).toString(16).padStart(8, "0")}7f3c2e1`;
    api.recordEvent({
      ctx: {
        account: target.account,
        region: target.region,
        accessKeyId: `ASIA${target.app
          .toUpperCase()
          .replace(/[^A-Z0-9]/g, "")
          .padEnd(16, "X")
          .slice(0, 16)}`,
        principalArn: `arn:aws:sts::${target.account}:assumed-role/app-${target.app}/${session}`,
        roleArn: `arn:aws:iam::${target.account}:role/app-${target.app}`,
        time: new Date(at),
        sourceIp: "10.20.4.17",
        userAgent:
          "aws-sdk-java/2.31.2 Linux/6.1 OpenJDK_64-Bit_Server_VM/21.0.6 md/io#sync ua/2.1",
      },
      eventName: operation,
      readOnly: true,
      requestParameters: buildRequestParameters(operation, target.arn, target.app, n),
      resourceArns: [target.arn],
    });
  });
  return planned.length;
}
