import { cn } from "./cn";

/**
 * A box that scrolls sideways on narrow screens. It takes focus so keyboard users can scroll it
 * (axe `scrollable-region-focusable`), and a name because a focusable region must say what it is.
 */
export function ScrollRegion({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className={cn(
        "overflow-x-auto focus-visible:outline-2 focus-visible:outline-blue-600",
        className,
      )}
    >
      {children}
    </div>
  );
}
