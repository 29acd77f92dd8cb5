import { z } from "zod";
import type { KmsEnv } from "./env";
import { assertKeyState } from "./key-state";
import { decodeIndexMarker, encodeMarker, formatPage } from "./marker";
import { resolveKey } from "./resolve-key";
import { keyIdSchema, limitSchema, markerSchema, tagsSchema } from "./schemas";
import { applyTags, checkNewTags } from "./tag-rules";
import { parseInput } from "./validate";

const tagResourceInput = z.object({ KeyId: keyIdSchema, Tags: tagsSchema });

/** Tags are independent per Region of a multi-Region key; an existing key gets the new value. */
export function tagResource(input: unknown, env: KmsEnv): unknown {
  const req = parseInput(tagResourceInput, input);
  const key = resolveKey(env, req.KeyId);
  assertKeyState("TagResource", key);
  checkNewTags(req.Tags, key.tags);
  applyTags(key, req.Tags);
  return {};
}

const untagResourceInput = z.object({
  KeyId: keyIdSchema,
  TagKeys: z.array(z.string().min(1).max(128)),
});

export function untagResource(input: unknown, env: KmsEnv): unknown {
  const req = parseInput(untagResourceInput, input);
  const key = resolveKey(env, req.KeyId);
  assertKeyState("UntagResource", key);
  for (const tagKey of req.TagKeys) key.tags.delete(tagKey);
  return {};
}

const listResourceTagsInput = z.object({
  KeyId: keyIdSchema,
  Limit: limitSchema.optional(),
  Marker: markerSchema.optional(),
});

// Documented Limit range is 1–50, default 50 (the model allows 1000): larger limits are capped.
const MAX_TAGS_PAGE = 50;

export function listResourceTags(input: unknown, env: KmsEnv): unknown {
  const req = parseInput(listResourceTagsInput, input);
  const key = resolveKey(env, req.KeyId);
  const limit = Math.min(req.Limit ?? MAX_TAGS_PAGE, MAX_TAGS_PAGE);
  const start = req.Marker === undefined ? 0 : decodeIndexMarker("ListResourceTags", req.Marker);
  const all = [...key.tags].map(([TagKey, TagValue]) => ({ TagKey, TagValue }));
  const page = all.slice(start, start + limit);
  const more = start + limit < all.length;
  return formatPage(
    page,
    "Tags",
    more ? encodeMarker("ListResourceTags", start + limit) : undefined,
  );
}
