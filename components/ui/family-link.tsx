import Link from "next/link";

export function familyHref(familyId: string): string {
  return `/families/${encodeURIComponent(familyId)}`;
}

export function FamilyLink({ id, children }: { id: string; children?: React.ReactNode }) {
  return (
    <Link
      href={familyHref(id)}
      className="text-blue-700 underline underline-offset-2 hover:decoration-2 dark:text-blue-300"
    >
      {children ?? id}
    </Link>
  );
}
