/** Whether `value` matches a shell-style glob (`*` any run, `?` one character); case-sensitive unless told. */
export function matchGlob(pattern: string, value: string, ignoreCase = false): boolean {
  return globToRegExp(pattern, ignoreCase).test(value);
}

const cache = new Map<string, RegExp>();

function globToRegExp(pattern: string, ignoreCase: boolean): RegExp {
  const cacheKey = `${ignoreCase ? "i" : "s"}:${pattern}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const body = pattern
    .split("")
    .map((ch) => (ch === "*" ? ".*" : ch === "?" ? "." : ch.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  const re = new RegExp(`^${body}$`, ignoreCase ? "is" : "s");
  cache.set(cacheKey, re);
  return re;
}
