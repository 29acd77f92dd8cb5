import Link from "next/link";
import { Notice } from "@/components/ui/notice";

export default function SnapshotNotFound() {
  return (
    <div>
      <h1 className="mb-4 text-2xl font-semibold">Snapshot not found</h1>
      <Notice title="No stored snapshot has this id">
        <Link className="underline" href="/snapshots">
          See the stored snapshots
        </Link>
        .
      </Notice>
    </div>
  );
}
