import Link from "next/link";

export function familyHref(familyId: string): string {
  return `/families/${encodeURIComponent(familyId)}`;
}

/** Underlined, not only coloured: it often sits in a line of text (axe `link-in-text-block`). */
export function FamilyLink({
  id,
  children,
  tabIndex,
}: {
  id: string;
  children?: React.ReactNode;
  /** -1 inside the families grid, whose cell (not the link) holds the roving tab stop. */
  tabIndex?: number;
}) {
  return (
    <Link
      href={familyHref(id)}
      tabIndex={tabIndex}
      className="text-blue-700 underline underline-offset-2 hover:decoration-2 dark:text-blue-300"
    >
      {children ?? id}
    </Link>
  );
}
