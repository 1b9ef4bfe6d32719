// One admin action on a lifecycle, confirmed with a reason (required for all but restore) and
// sent through the data provider.
import { useDataProvider, useRecordContext } from 'react-admin';
import { ConfirmWithReason } from '../ConfirmWithReason';
import type { ConsoleDataProvider } from '../dataProvider';
import type { AdminActionName, LifecycleRecord } from '../types';

const LABELS: Record<AdminActionName, { label: string; explain: string; color: 'primary' | 'warning' | 'error' | 'success' }> = {
  hold: { label: 'Place hold', explain: 'The quarantine clock stops and nothing is purged until the hold is released.', color: 'warning' },
  release: { label: 'Release hold', explain: 'The clock resumes with the time that was left.', color: 'primary' },
  restore: { label: 'Restore', explain: 'The account is reactivated and the lifecycle goes back to ACTIVE.', color: 'success' },
  erasure: {
    label: 'Erase now',
    explain: 'The personal data is purged at once (GDPR art. 17), unless a legal hold is in force.',
    color: 'error',
  },
  cancel: {
    label: 'Cancel lifecycle',
    explain: 'The workflow stops for good: nothing more will be purged or anonymised by it. Auditors see your reason.',
    color: 'error',
  },
};

export function ActionButton({ action, disabled }: { action: AdminActionName; disabled?: boolean }) {
  const record = useRecordContext<LifecycleRecord>();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  if (!record) return null;
  return (
    <ConfirmWithReason
      {...LABELS[action]}
      subject={record.subjectId}
      reasonRequired={action !== 'restore'}
      disabled={disabled}
      tag={action}
      onConfirm={(reason) => dataProvider.lifecycleAction(String(record.id), action, reason)}
    />
  );
}
