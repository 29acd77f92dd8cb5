/**
 * What kms-drift accepts from GetKeyPolicy before parsing it. AWS caps a key policy at 32 KB (a
 * quota that cannot be raised), and its policy grammar nests at most six levels (document →
 * Statement list → statement → Condition → operator → value list). The depth bound leaves ample
 * room above that, and keeps every later pass over the document (normalisation, region rewriting,
 * canonical JSON) far from the call-stack limit whatever a server sends.
 */
export const MAX_POLICY_BYTES = 32_768;
export const MAX_POLICY_DEPTH = 32;

/**
 * The deepest `{`/`[` nesting of a JSON text, counted without parsing (iteratively, so it cannot
 * overflow the stack itself). Brackets inside strings do not count. Stops early once `limit` is passed.
 */
export function jsonNestingDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return deepest;
}
