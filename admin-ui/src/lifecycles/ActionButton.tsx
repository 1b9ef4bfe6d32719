// One admin action on a lifecycle, confirmed with a reason (required for all but restore) and
// sent through the data provider.
import { useDataProvider, useRecordContext, useTranslate } from 'react-admin';
import { ConfirmWithReason } from '../ConfirmWithReason';
import type { ConsoleDataProvider } from '../dataProvider';
import type { AdminActionName, LifecycleRecord } from '../types';

const COLOR: Record<AdminActionName, 'primary' | 'warning' | 'error' | 'success'> = {
  hold: 'warning',
  release: 'primary',
  restore: 'success',
  erasure: 'error',
  cancel: 'error',
  repair: 'primary',
};

export function ActionButton({ action, disabled, explain }: { action: AdminActionName; disabled?: boolean; explain?: string }) {
  const record = useRecordContext<LifecycleRecord>();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <ConfirmWithReason
      label={translate(`nitd.action.${action}.label`)}
      explain={explain ?? translate(`nitd.action.${action}.explain`)}
      color={COLOR[action]}
      subject={record.subjectId}
      reasonRequired={action !== 'restore'}
      disabled={disabled}
      tag={action}
      variant={action === 'repair' ? 'contained' : 'outlined'}
      onConfirm={(reason) => dataProvider.lifecycleAction(String(record.id), action, reason)}
    />
  );
}
