// A button that asks for confirmation and a reason before an admin call, says what happened, and
// refreshes the page; disabled while the call runs. Every audited action in the console asks this
// way. The reason is one field (ReasonField) and travels as one value (AuditReason): when the API
// takes a reason code from a fixed list plus a note, only ReasonField and toBody change.
import { useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useNotify, useRefresh, useTranslate } from 'react-admin';

/** What the person gave as their reason; a `code` joins the note when the API takes codes. */
export interface AuditReason {
  note: string;
}

/** The reason as the API takes it today: one free-text string. */
export const reasonText = (r: AuditReason) => r.note.trim();

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
  /** Says what was done; defaults to "<label>: utført". */
  done?: string;
  variant?: 'outlined' | 'contained';
  onConfirm(reason: string): Promise<unknown>;
}

function ReasonField({ value, onChange, required }: { value: AuditReason; onChange(v: AuditReason): void; required: boolean }) {
  const translate = useTranslate();
  return (
    <TextField
      label={translate(required ? 'nitd.confirm.reasonRequired' : 'nitd.confirm.reasonOptional')}
      name="reason"
      value={value.note}
      onChange={(e) => onChange({ ...value, note: e.target.value })}
      helperText={translate('nitd.confirm.reasonHelp')}
      multiline
      minRows={2}
      fullWidth
      autoFocus
      required={required}
    />
  );
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
  variant = 'outlined',
  onConfirm,
}: ConfirmWithReasonProps) {
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<AuditReason>({ note: '' });
  const [pending, setPending] = useState(false);
  const titleId = `confirm-${tag}-title`;

  const confirm = async () => {
    setPending(true);
    try {
      await onConfirm(reasonText(reason));
      notify(done ?? translate('nitd.confirm.done', { action: label }), { type: 'success' });
      setOpen(false);
      setReason({ note: '' });
      refresh();
    } catch (err) {
      const body = (err as { body?: { error?: string; fields?: { message: string }[] } }).body;
      const error = body?.fields?.[0]?.message ?? body?.error ?? (err as Error).message;
      notify(translate('nitd.confirm.refused', { action: label, error }), { type: 'error' });
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <Button variant={variant} color={color} disabled={disabled || pending} onClick={() => setOpen(true)} data-action={tag}>
        {label}
      </Button>
      <Dialog open={open} onClose={() => !pending && setOpen(false)} fullWidth maxWidth="sm" aria-labelledby={titleId}>
        <DialogTitle id={titleId} sx={{ overflowWrap: 'anywhere' }}>
          {label}
          {subject ? ` · ${subject}` : ''}
        </DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{explain}</DialogContentText>
          <ReasonField value={reason} onChange={setReason} required={reasonRequired} />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)} disabled={pending}>
            {translate('nitd.confirm.back')}
          </Button>
          <Button
            variant="contained"
            color={color}
            onClick={confirm}
            disabled={pending || (reasonRequired && !reasonText(reason))}
            data-confirm={tag}
          >
            {pending ? translate('nitd.confirm.working') : translate('nitd.confirm.confirm', { action: label.toLowerCase() })}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
