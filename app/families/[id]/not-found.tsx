import Link from "next/link";
import { Notice } from "@/components/ui/notice";

export default function FamilyNotFound() {
  return (
    <div>
      <h1 className="mb-4 text-2xl font-semibold">Family not found</h1>
      <Notice title="No family with this id in the latest snapshot">
        Family ids look like <code>111122223333:mrk-…</code> or <code>111122223333:alias/app</code>.
        It may have been deleted since.{" "}
        <Link className="underline" href="/families">
          See every family
        </Link>
        .
      </Notice>
    </div>
  );
}
