// One admin action on a lifecycle: asks for confirmation and a reason, calls the API through the
// data provider, says what happened, and refreshes the page. Disabled while the call runs.
import { useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useDataProvider, useNotify, useRecordContext, useRefresh } from 'react-admin';
import type { ConsoleDataProvider, LifecycleAction } from '../dataProvider';

const LABELS: Record<LifecycleAction, { label: string; explain: string; color: 'primary' | 'warning' | 'error' | 'success' }> = {
  hold: { label: 'Place hold', explain: 'The quarantine clock stops and nothing is purged until the hold is released.', color: 'warning' },
  release: { label: 'Release hold', explain: 'The clock resumes with the time that was left.', color: 'primary' },
  restore: { label: 'Restore', explain: 'The account is reactivated and the lifecycle goes back to ACTIVE.', color: 'success' },
  erasure: { label: 'Erase now', explain: 'The personal data is purged at once (GDPR art. 17), unless a legal hold is in force.', color: 'error' },
  cancel: { label: 'Cancel lifecycle', explain: 'The workflow stops for good: nothing more will be purged or anonymised by it. Auditors see your reason.', color: 'error' },
};

export function ActionButton({ action, disabled }: { action: LifecycleAction; disabled?: boolean }) {
  const record = useRecordContext();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState(false);
  const { label, explain, color } = LABELS[action];
  const reasonRequired = action !== 'restore';
  if (!record) return null;

  const confirm = async () => {
    setPending(true);
    try {
      await dataProvider.lifecycleAction(String(record.id), action, reason.trim());
      notify(`${label}: done`, { type: 'success' });
      setOpen(false);
      setReason('');
      refresh();
    } catch (err) {
      const body = (err as { body?: { error?: string; fields?: { message: string }[] } }).body;
      notify(`${label} refused: ${body?.fields?.[0]?.message ?? body?.error ?? (err as Error).message}`, { type: 'error' });
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <Button variant="outlined" color={color} disabled={disabled || pending} onClick={() => setOpen(true)} data-action={action}>
        {label}
      </Button>
      <Dialog open={open} onClose={() => !pending && setOpen(false)} fullWidth maxWidth="sm">
        <DialogTitle>
          {label} · {record.subjectId}
        </DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{explain}</DialogContentText>
          <TextField
            label={reasonRequired ? 'Reason (required)' : 'Reason (optional)'}
            name="reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            helperText="Kept in the workflow history and shown to auditors: no names, e-mail addresses or phone numbers."
            multiline
            minRows={2}
            fullWidth
            autoFocus
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)} disabled={pending}>
            Back
          </Button>
          <Button variant="contained" color={color} onClick={confirm} disabled={pending || (reasonRequired && !reason.trim())} data-confirm={action}>
            {pending ? 'Working…' : `Confirm: ${label.toLowerCase()}`}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
