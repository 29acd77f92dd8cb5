/** A UTC timestamp, the same on server and client (no hydration drift from local time zones). */
export function TimeText({ iso }: { iso: string | null }) {
  if (!iso) return <span>—</span>;
  return <time dateTime={iso}>{iso.slice(0, 19).replace("T", " ")} UTC</time>;
}
