// A button that asks for confirmation and a reason before an admin call, says what happened, and
// refreshes the page; disabled while the call runs. Lifecycle actions and "run reconciliation now"
// share it, so every audited action in the console asks the same way.
import { useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useNotify, useRefresh } from 'react-admin';

export interface ConfirmWithReasonProps {
  label: string;
  /** Shown in the dialog's title after the label, e.g. the subject ID. */
  subject?: string;
  explain: string;
  color: 'primary' | 'warning' | 'error' | 'success';
  reasonRequired: boolean;
  disabled?: boolean;
  /** Tags for tests and styling: `data-action` on the button, `data-confirm` on the confirm. */
  tag: string;
  /** Says what was done, e.g. "Place hold: done". */
  done?: string;
  onConfirm(reason: string): Promise<unknown>;
}

export function ConfirmWithReason({
  label,
  subject,
  explain,
  color,
  reasonRequired,
  disabled,
  tag,
  done,
  onConfirm,
}: ConfirmWithReasonProps) {
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState(false);

  const confirm = async () => {
    setPending(true);
    try {
      await onConfirm(reason.trim());
      notify(done ?? `${label}: done`, { type: 'success' });
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
      <Button variant="outlined" color={color} disabled={disabled || pending} onClick={() => setOpen(true)} data-action={tag}>
        {label}
      </Button>
      <Dialog open={open} onClose={() => !pending && setOpen(false)} fullWidth maxWidth="sm">
        <DialogTitle>
          {label}
          {subject ? ` · ${subject}` : ''}
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
          <Button
            variant="contained"
            color={color}
            onClick={confirm}
            disabled={pending || (reasonRequired && !reason.trim())}
            data-confirm={tag}
          >
            {pending ? 'Working…' : `Confirm: ${label.toLowerCase()}`}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
