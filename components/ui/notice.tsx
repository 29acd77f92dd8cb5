import { cn } from "./cn";

/** An empty or error state that tells the reader what to do next. */
export function Notice({
  title,
  children,
  tone = "info",
  role,
}: {
  title: string;
  children?: React.ReactNode;
  tone?: "info" | "error";
  role?: "status" | "alert";
}) {
  return (
    <div
      role={role ?? (tone === "error" ? "alert" : "status")}
      className={cn(
        "rounded border p-4 text-sm",
        tone === "error"
          ? "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
          : "border-slate-300 bg-slate-50 text-slate-800 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200",
      )}
    >
      <p className="font-semibold">{title}</p>
      {children ? <div className="mt-1">{children}</div> : null}
    </div>
  );
}
