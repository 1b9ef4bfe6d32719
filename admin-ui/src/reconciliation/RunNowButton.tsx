// "Run reconciliation now" for admins: starts one run on the workers' queue (audited in
// AdminAction). The run appears in the list when it has finished.
import { useDataProvider, usePermissions } from 'react-admin';
import { ConfirmWithReason } from '../ConfirmWithReason';
import type { ConsoleDataProvider } from '../dataProvider';

export function RunNowButton() {
  const { permissions } = usePermissions();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  if (permissions !== 'admin') return null;
  return (
    <ConfirmWithReason
      label="Run reconciliation now"
      explain="Compares every subject with its lifecycle now instead of waiting for the daily schedule. Missing lifecycles are started, backdated to the termination; orphans are only flagged. The run is listed here when it has finished."
      color="primary"
      reasonRequired={false}
      tag="reconcile"
      done="Reconciliation started: its run appears here when it has finished"
      onConfirm={(reason) => dataProvider.reconcileNow(reason)}
    />
  );
}
