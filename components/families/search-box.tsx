"use client";

import { useEffect, useState } from "react";

/** How long the box waits after the last key before it searches. */
export const SEARCH_DEBOUNCE_MS = 250;

/** Free-text search, debounced so that typing does not filter on every key. */
export function SearchBox({
  value,
  onSearch,
  delayMs = SEARCH_DEBOUNCE_MS,
}: {
  value: string;
  onSearch: (q: string) => void;
  delayMs?: number;
}) {
  const [text, setText] = useState(value);
  const [outside, setOutside] = useState(value);
  if (outside !== value) {
    setOutside(value);
    setText(value);
  }
  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => onSearch(text), delayMs);
    return () => clearTimeout(timer);
  }, [text, value, onSearch, delayMs]);
  return (
    <label className="flex items-center gap-2 text-sm">
      <span>Search families</span>
      <input
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="id, alias, key id"
        maxLength={200}
        className="w-64 rounded border border-slate-300 bg-transparent px-2 py-1 dark:border-slate-700"
      />
    </label>
  );
}
