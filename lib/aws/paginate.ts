/**
 * Follows `NextMarker` to the end. Like the SDK paginators it ignores `Truncated`
 * (docs/aws-facts.md#pagination), but it stops if a server hands back a marker it already gave (the
 * SDK would loop forever).
 */
export async function collectPages<T>(
  fetchPage: (
    marker: string | undefined,
  ) => Promise<{ items: T[]; nextMarker?: string | undefined }>,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let marker: string | undefined;
  for (;;) {
    const page = await fetchPage(marker);
    items.push(...page.items);
    const next = page.nextMarker;
    if (next === undefined || next === "" || seen.has(next)) return items;
    seen.add(next);
    marker = next;
  }
}
