import { getHeapStatistics } from "node:v8";
import { withSharedStrings } from "../../aws/shared-strings";
import { parsePolicy } from "../../inventory/adapters";
import { parseCloudTrailRecord } from "../../trail/parse-record";

/*
 * Run as `node --expose-gc --import tsx lib/scan/testing/retained-answers.ts`: what a scan keeps of
 * each of 5,000 keys' policies and 5,000 CloudTrail records, answers that repeat the same strings
 * (a policy, the policy text a CreateKey carried, a principal, an SDK user agent) as AWS's do
 * across an Organization, parsed inside a scan's string table as a scan parses them. Prints the
 * heap retained per policy and per event, in bytes, as JSON.
 */
const COUNT = 5_000;
const ACCOUNT = "111122223333";
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error("run with --expose-gc");

const policyText = JSON.stringify(
  {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "EnableIAMUserPermissions",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      {
        Sid: "AllowUseOfTheKey",
        Effect: "Allow",
        Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:role/app`, `arn:aws:iam::${ACCOUNT}:role/ci`] },
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"],
        Resource: "*",
      },
    ],
  },
  null,
  4,
);

/** Each answer is its own text, as each HTTP response is. */
const fresh = (text: string) => ` ${text}`.slice(1);

function retainedPerItem(make: (i: number) => unknown): number {
  gc?.();
  const before = getHeapStatistics().used_heap_size;
  const kept = Array.from({ length: COUNT }, (_, i) => make(i));
  gc?.();
  const bytes = getHeapStatistics().used_heap_size - before;
  if (kept.length !== COUNT) throw new Error("lost items");
  return Math.round(bytes / COUNT);
}

async function measure() {
  const policyBytes = retainedPerItem(() => parsePolicy(fresh(policyText)));
  const eventBytes = retainedPerItem((i) =>
    parseCloudTrailRecord(
      fresh(
        JSON.stringify({
          eventID: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
          eventTime: "2026-11-01T10:00:00Z",
          eventName: "CreateKey",
          eventSource: "kms.amazonaws.com",
          awsRegion: "eu-west-1",
          recipientAccountId: ACCOUNT,
          userIdentity: {
            type: "AssumedRole",
            arn: `arn:aws:sts::${ACCOUNT}:assumed-role/terraform-ci/github-actions`,
            accountId: ACCOUNT,
            sessionContext: {
              sessionIssuer: { type: "Role", arn: `arn:aws:iam::${ACCOUNT}:role/terraform-ci` },
            },
          },
          sourceIPAddress: "10.20.0.15",
          userAgent: "aws-sdk-go-v2/1.36.3 os/linux lang/go#1.24.1 md/GOOS#linux api/kms#1.38.1",
          requestParameters: { policy: policyText, keyUsage: "ENCRYPT_DECRYPT", multiRegion: true },
          responseElements: { keyMetadata: { keyId: `key-${i}` } },
        }),
      ),
      { region: "eu-west-1", account: ACCOUNT },
    ),
  );
  return { policyBytes, eventBytes, policyTextBytes: policyText.length };
}

void withSharedStrings(measure).then((figures) => process.stdout.write(JSON.stringify(figures)));
