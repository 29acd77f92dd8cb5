export function Skeleton({ label, rows = 4 }: { label: string; rows?: number }) {
  return (
    <div role="status" aria-label={label} className="animate-pulse space-y-2">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="h-5 rounded bg-slate-200 dark:bg-slate-800" />
      ))}
      <span className="sr-only">{label}</span>
    </div>
  );
}
