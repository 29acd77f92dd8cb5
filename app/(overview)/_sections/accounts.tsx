import { getOverviewPart } from "@/lib/server/overview";
import { AccountStatusTable } from "@/components/overview/account-status-table";
import { LoadingSection } from "@/components/ui/loading-section";

async function Accounts({ snapshotId }: { snapshotId: string }) {
  const { accounts } = await getOverviewPart(snapshotId);
  if (accounts === null) return null;
  return <AccountStatusTable view={accounts} />;
}

/** Every account of the snapshot with its status and reason: never a silent gap. */
export function AccountsSection({ snapshotId }: { snapshotId: string }) {
  return (
    <LoadingSection id="accounts-heading" title="Accounts" loading="Loading the accounts">
      <Accounts snapshotId={snapshotId} />
    </LoadingSection>
  );
}
