import type { RegionKey } from "../state/model";
import { kmsError } from "./errors";
import type { TagInput } from "./schemas";

// 50 tags per key; TagException texts as real KMS gives them (docs/aws-facts.md#tags).
const MAX_TAGS = 50;

export function checkNewTags(tags: TagInput, existing: Map<string, string> = new Map()): void {
  const seen = new Set<string>();
  for (const tag of tags) {
    if (tag.TagKey.toLowerCase().startsWith("aws:"))
      throw kmsError("TagException", "Tags beginning with aws: are reserved");
    if (seen.has(tag.TagKey)) throw kmsError("TagException", "Duplicate tag keys");
    seen.add(tag.TagKey);
  }
  const merged = new Set([...existing.keys(), ...seen]);
  if (merged.size > MAX_TAGS) throw kmsError("TagException", "Too many tags");
}

export function applyTags(key: RegionKey, tags: TagInput): void {
  for (const tag of tags) key.tags.set(tag.TagKey, tag.TagValue);
}
