// A button that asks for confirmation and a reason before an admin call, says what happened, and
// refreshes the page; disabled while the call runs. Every audited action in the console asks this
// way. The reason is a code from the fixed list (policy/reasons.ts), which the history and the
// ledgers keep, and an optional note, which stays with the subject's data and is deleted with it.
import { useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, MenuItem, TextField } from '@mui/material';
import { useNotify, useRefresh, useTranslate } from 'react-admin';
import { REASON_CODE_LIST, type ReasonCode } from '../../policy/reasons';

/** What the person gave as their reason: a code, and a note where the action has a subject. */
export interface AuditReason {
  code: ReasonCode | '';
  note: string;
}

/** The reason as the API takes it: `{ reasonCode, note }`, each only when given. */
export const reasonBody = (r: AuditReason) => ({
  ...(r.code ? { reasonCode: r.code } : {}),
  ...(r.note.trim() ? { note: r.note.trim() } : {}),
});

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
  /** False for actions on no subject (a scan, a reconciliation run): a note would be nobody's data. */
  withNote?: boolean;
  onConfirm(reason: AuditReason): Promise<unknown>;
}

function ReasonField({
  value,
  onChange,
  required,
  withNote,
}: {
  value: AuditReason;
  onChange(v: AuditReason): void;
  required: boolean;
  withNote: boolean;
}) {
  const translate = useTranslate();
  return (
    <>
      <TextField
        select
        label={translate(required ? 'nitd.confirm.reasonRequired' : 'nitd.confirm.reasonOptional')}
        name="reasonCode"
        value={value.code}
        onChange={(e) => onChange({ ...value, code: e.target.value as ReasonCode })}
        helperText={translate('nitd.confirm.reasonHelp')}
        fullWidth
        autoFocus
        required={required}
        sx={{ mb: 2 }}
      >
        {!required && <MenuItem value="">{translate('nitd.confirm.noReason')}</MenuItem>}
        {REASON_CODE_LIST.map((code) => (
          <MenuItem key={code} value={code}>
            {translate(`nitd.reason.${code}`, { _: code })}
          </MenuItem>
        ))}
      </TextField>
      {withNote && (
        <TextField
          label={translate('nitd.confirm.note')}
          name="note"
          value={value.note}
          onChange={(e) => onChange({ ...value, note: e.target.value })}
          helperText={translate('nitd.confirm.noteHelp')}
          multiline
          minRows={2}
          fullWidth
        />
      )}
    </>
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
  withNote = true,
  onConfirm,
}: ConfirmWithReasonProps) {
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  // No code chosen in advance: the admin picks the one that is true.
  const initial: AuditReason = { code: '', note: '' };
  const [reason, setReason] = useState<AuditReason>(initial);
  const [pending, setPending] = useState(false);
  const titleId = `confirm-${tag}-title`;

  const confirm = async () => {
    setPending(true);
    try {
      await onConfirm(reason);
      notify(done ?? translate('nitd.confirm.done', { action: label }), { type: 'success' });
      setOpen(false);
      setReason(initial);
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
          <ReasonField value={reason} onChange={setReason} required={reasonRequired} withNote={withNote} />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)} disabled={pending}>
            {translate('nitd.confirm.back')}
          </Button>
          <Button
            variant="contained"
            color={color}
            onClick={confirm}
            disabled={pending || (reasonRequired && !reason.code)}
            data-confirm={tag}
          >
            {pending ? translate('nitd.confirm.working') : translate('nitd.confirm.confirm', { action: label.toLowerCase() })}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
