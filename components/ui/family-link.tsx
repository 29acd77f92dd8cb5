import Link from "next/link";

export function familyHref(familyId: string): string {
  return `/families/${encodeURIComponent(familyId)}`;
}

/** Underlined, not only coloured: it often sits in a line of text (axe `link-in-text-block`). */
export function FamilyLink({
  id,
  children,
  tabIndex,
  prefetch,
}: {
  id: string;
  children?: React.ReactNode;
  /** -1 inside the families grid, whose cell (not the link) holds the roving tab stop. */
  tabIndex?: number;
  /** false in the families grid: each filter or scroll would fetch every row's page from the server. */
  prefetch?: false;
}) {
  return (
    <Link
      href={familyHref(id)}
      tabIndex={tabIndex}
      prefetch={prefetch}
      className="text-blue-700 underline underline-offset-2 hover:decoration-2 dark:text-blue-300"
    >
      {children ?? id}
    </Link>
  );
}
