import Link from "next/link";
import { Notice } from "@/components/ui/notice";

export default function NotFound() {
  return (
    <div>
      <h1 className="mb-4 text-2xl font-semibold">Not found</h1>
      <Notice title="There is nothing at this address">
        <Link className="underline" href="/">
          Back to the overview
        </Link>
      </Notice>
    </div>
  );
}
