import { z } from "zod";
import { parseInput } from "../kms/validate";
import { invalidInput } from "./errors";
import { MAX_RESULTS } from "./paginate";

/*
 * Organizations validates its own members and answers InvalidInputException with a Reason
 * (docs/aws-facts.md#organizations). A member of the wrong JSON type is refused by the AWS JSON
 * front end first (SerializationException), as for KMS.
 */

const memberTypes = z.looseObject({
  MaxResults: z.number().int().optional(),
  NextToken: z.string().optional(),
  ParentId: z.string().optional(),
  ChildId: z.string().optional(),
  ResourceId: z.string().optional(),
  AccountId: z.string().optional(),
});
type Members = z.infer<typeof memberTypes>;

// The service model's patterns (client-organizations / botocore service-2.json).
const PARENT_ID = /^(r-[0-9a-z]{4,32})$|^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;
const CHILD_ID = /^(\d{12})$|^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;
const TAGGABLE_ID =
  /^(r-[0-9a-z]{4,32})$|^(\d{12})$|^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$|^(p-[0-9a-zA-Z_]{8,128})$|^(rp-[0-9a-zA-Z_]{4,128})$|^(rt-[0-9a-zA-Z_]{8,32})$/;
const ACCOUNT_ID = /^\d{12}$/;

const NEXT_TOKEN_MAX = 100_000;

export interface PagedInput {
  maxResults: number | undefined;
  nextToken: string | undefined;
}

export function readMembers(input: unknown): Members {
  return parseInput(memberTypes, input);
}

export function readPaging(members: Members): PagedInput {
  const { MaxResults, NextToken } = members;
  if (MaxResults !== undefined && MaxResults < 1) throw invalidInput("MIN_VALUE_EXCEEDED");
  if (MaxResults !== undefined && MaxResults > MAX_RESULTS)
    throw invalidInput("MAX_VALUE_EXCEEDED");
  if (NextToken !== undefined && NextToken.length > NEXT_TOKEN_MAX)
    throw invalidInput("MAX_LENGTH_EXCEEDED");
  return { maxResults: MaxResults, nextToken: NextToken };
}

type IdMember = "ParentId" | "ChildId" | "ResourceId" | "AccountId";
const ID_RULES: Record<IdMember, { pattern: RegExp; max: number }> = {
  ParentId: { pattern: PARENT_ID, max: 100 },
  ChildId: { pattern: CHILD_ID, max: 100 },
  ResourceId: { pattern: TAGGABLE_ID, max: 130 },
  AccountId: { pattern: ACCOUNT_ID, max: 12 },
};

/** A required id member: present, not too long, and matching the model's pattern. */
export function readId(members: Members, name: IdMember): string {
  const value = members[name];
  if (value === undefined || value === "") throw invalidInput("INPUT_REQUIRED");
  const rule = ID_RULES[name];
  if (value.length > rule.max) throw invalidInput("MAX_LENGTH_EXCEEDED");
  if (!rule.pattern.test(value)) throw invalidInput("INVALID_PATTERN");
  return value;
}
