import { cn } from "./cn";

/** A column heading; `numeric` columns are right-aligned, like their cells. */
export type Column = string | { label: string; numeric: true };

/** The header row of a data table: one `<th scope="col">` per column, the house spacing. */
export function ColumnHeaders({ columns }: { columns: Column[] }) {
  return (
    <thead>
      <tr className="border-b border-slate-300 dark:border-slate-700">
        {columns.map((column, i) => {
          const label = typeof column === "string" ? column : column.label;
          return (
            <th
              key={label}
              scope="col"
              className={cn(
                "py-1",
                i < columns.length - 1 && "pr-3",
                typeof column !== "string" && "text-right",
              )}
            >
              {label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
