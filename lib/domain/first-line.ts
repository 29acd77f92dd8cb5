/** An error's first line (what a status row or a one-line message shows), or `fallback` when blank. */
export function firstLineOf(error: unknown, fallback: string): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n")[0]?.trim() || fallback;
}
