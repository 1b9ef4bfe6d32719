// "Run scan now" for admins, like reconciliation's: starts one conformance scan on the workers'
// queue (audited in AdminAction). The scan appears in the list when it has finished.
import { useDataProvider, usePermissions, useTranslate } from 'react-admin';
import { ConfirmWithReason } from '../ConfirmWithReason';
import type { ConsoleDataProvider } from '../dataProvider';

export function ScanNowButton() {
  const { permissions } = usePermissions();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const translate = useTranslate();
  if (permissions !== 'admin') return null;
  return (
    <ConfirmWithReason
      label={translate('nitd.conformance.scanNow')}
      explain={translate('nitd.conformance.scanExplain')}
      color="primary"
      reasonRequired={false}
      tag="scan"
      done={translate('nitd.conformance.scanStarted')}
      withNote={false}
      onConfirm={(reason) => dataProvider.scanNow(reason)}
    />
  );
}
