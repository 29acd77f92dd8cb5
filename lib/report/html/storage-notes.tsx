import type { ReportHeader } from "./report-data";

/** Strings the store replaced (lone surrogates, U+0000 → U+FFFD), when there are any. */
export function StorageNotesSection({ snapshot: s }: { snapshot: ReportHeader }) {
  if (!s.storageNotes || s.storageNotes.length === 0) return null;
  return (
    <section id="storage-notes">
      <h2>Stored with changes</h2>
      <p>
        The store replaced characters PostgreSQL cannot hold with U+FFFD. This report shows the
        stored snapshot; the scan&apos;s own output has them as AWS answered.
      </p>
      <ul>
        {s.storageNotes.map((note, i) => (
          <li key={i}>{note}</li>
        ))}
      </ul>
    </section>
  );
}
