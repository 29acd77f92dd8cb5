/**
 * JSON text that PostgreSQL's jsonb accepts: jsonb rejects U+0000 inside strings ("unsupported
 * Unicode escape sequence"), and AWS strings (descriptions, tags, policy text) can carry it. Such
 * characters are stored as U+FFFD; `changed` says whether any were replaced.
 */
export function toStorableJson(value: unknown): { text: string; changed: boolean } {
  let changed = false;
  const text = JSON.stringify(value, (_key, member: unknown) => {
    if (typeof member === "string" && member.includes("\u0000")) {
      changed = true;
      return member.replace(/\u0000/g, "\uFFFD");
    }
    return member;
  });
  return { text, changed };
}
