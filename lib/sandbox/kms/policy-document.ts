import { kmsError } from "./errors";
import { readStatementList, statementSchema } from "./policy-schema";

// Key policy size quota: 32 KB, not adjustable (docs/aws-facts.md#quotas).
const MAX_POLICY_BYTES = 32_768;

/** Checks a key policy the way CreateKey/ReplicateKey/PutKeyPolicy do before storing it. */
export function checkPolicyDocument(policy: string): void {
  if (Buffer.byteLength(policy, "utf8") > MAX_POLICY_BYTES) {
    throw kmsError(
      "LimitExceededException",
      `The key policy exceeds the maximum size of ${MAX_POLICY_BYTES} bytes.`,
    );
  }
  let doc: unknown;
  try {
    doc = JSON.parse(policy);
  } catch {
    throw malformed("The policy document is not valid JSON.");
  }
  const statements = readStatementList(doc);
  if (!statements) throw malformed("The policy document must be a JSON object.");
  if (statements.length === 0)
    throw malformed("The policy document must contain at least one statement.");
  for (const item of statements) {
    const statement = statementSchema.safeParse(item);
    if (!statement.success) throw malformed("Policy contains a statement that is not valid.");
    const effect = statement.data.Effect;
    if (effect !== "Allow" && effect !== "Deny")
      throw malformed("Policy contains a statement with an invalid Effect.");
  }
}

function malformed(message: string) {
  return kmsError("MalformedPolicyDocumentException", message);
}
