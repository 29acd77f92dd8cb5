import { Suspense } from "react";
import { Section } from "./section";
import { Skeleton } from "./skeleton";

/**
 * A page section whose content loads on its own: the heading shows at once, a skeleton stands in
 * for the content until it streams in, and a slow section holds up no other.
 */
export function LoadingSection({
  id,
  title,
  loading,
  rows,
  className,
  children,
}: {
  id: string;
  title: string;
  /** What the skeleton tells a screen reader ("Loading the trend"). */
  loading: string;
  rows?: number;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <Section id={id} title={title} className={className}>
      <Suspense fallback={<Skeleton label={loading} rows={rows} />}>{children}</Suspense>
    </Section>
  );
}
