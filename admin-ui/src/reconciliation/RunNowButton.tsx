// "Run reconciliation now" for admins: starts one run on the workers' queue (audited in
// AdminAction). The run appears in the list when it has finished.
import { useDataProvider, usePermissions, useTranslate } from 'react-admin';
import { ConfirmWithReason } from '../ConfirmWithReason';
import type { ConsoleDataProvider } from '../dataProvider';

export function RunNowButton() {
  const { permissions } = usePermissions();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const translate = useTranslate();
  if (permissions !== 'admin') return null;
  return (
    <ConfirmWithReason
      label={translate('nitd.action.reconcile.label')}
      explain={translate('nitd.reconciliation.explain')}
      color="primary"
      reasonRequired={false}
      tag="reconcile"
      done={translate('nitd.reconciliation.started')}
      withNote={false}
      onConfirm={(reason) => dataProvider.reconcileNow(reason)}
    />
  );
}
