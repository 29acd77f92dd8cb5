import { Notice } from "../ui/notice";

/** Strings the store could not keep as scanned (lone surrogates, U+0000 → U+FFFD), one per place. */
export function StorageNotes({ notes }: { notes: string[] }) {
  return (
    <Notice title={`Stored with changes (${notes.length})`}>
      <p>
        The store replaced characters PostgreSQL cannot hold with U+FFFD. The snapshot printed by
        the scan has them as AWS answered; finding ids are unchanged.
      </p>
      <ul className="mt-2 list-disc pl-5 break-all">
        {notes.map((note, i) => (
          <li key={`${i}-${note}`}>{note}</li>
        ))}
      </ul>
    </Notice>
  );
}
