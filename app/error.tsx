"use client";

import { Notice } from "@/components/ui/notice";

// One boundary for every route: nested segments fall back to it, and they say the same thing.
export default function RootError({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <Notice title="This page could not be shown" tone="error">
      <p>The server could not read the snapshot store. Check the server log, then try again.</p>
      <button type="button" onClick={reset} className="mt-2 rounded border px-2 py-1">
        Try again
      </button>
    </Notice>
  );
}
