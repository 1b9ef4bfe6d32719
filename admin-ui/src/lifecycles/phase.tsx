// How phases, statuses, presence and due dates look everywhere in the console.
import { Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { useFormat } from '../i18n/format';
import { useLabels } from '../i18n/labels';
import type { LifecycleRecord, LifecycleStatus, Presence } from '../types';

// Phases come from the kinds (GET /api/admin/kinds); one without a colour here shows grey.
const PHASE_COLOR: Record<string, 'default' | 'warning' | 'success' | 'info' | 'error'> = {
  ACTIVE: 'info',
  QUARANTINED: 'warning',
  ENDED: 'warning',
  PURGED: 'success',
  CRM_ANONYMISED: 'success',
  CLOSED: 'default',
};
const STATUS_COLOR: Record<LifecycleStatus, 'default' | 'success' | 'error' | 'info'> = {
  running: 'info',
  completed: 'success',
  cancelled: 'default',
  failed: 'error',
};

export function PhaseChip({ kind, phase }: { kind?: string; phase?: string | null }) {
  const labels = useLabels();
  return phase ? <Chip size="small" label={labels.phase(kind, phase)} color={PHASE_COLOR[phase] ?? 'default'} /> : null;
}

/** The list's status, unless Temporal contradicts it: a running row Temporal lost is "missing", never "running". */
export function StatusChip({ status, presence }: { status?: string | null; presence?: Presence }) {
  const labels = useLabels();
  const translate = useTranslate();
  if (presence === 'missing' || presence === 'stale')
    return <Chip size="small" color="error" label={translate(`nitd.presence.${presence}`)} data-presence={presence} />;
  return status ? (
    <Chip size="small" variant="outlined" label={labels.status(status)} color={STATUS_COLOR[status as LifecycleStatus] ?? 'default'} />
  ) : null;
}

export const PhaseField = (_props: { label?: string; sortBy?: string; source?: string }) => {
  const r = useRecordContext<LifecycleRecord>();
  return <PhaseChip kind={r?.kind} phase={r?.phase} />;
};

export const KindField = (_props: { label?: string; sortBy?: string; source?: string }) => {
  const labels = useLabels();
  const r = useRecordContext<LifecycleRecord>();
  return r ? <span>{labels.kind(r.kind)}</span> : null;
};

/** Due as a day with "in 30 days" beneath, or why there is none; never wraps mid-date. */
export function DueText({ r, presence }: { r: Pick<LifecycleRecord, 'dueAt' | 'onHold' | 'status'>; presence?: Presence }) {
  const f = useFormat();
  const translate = useTranslate();
  if (r.onHold) return <span style={{ color: '#c62828', whiteSpace: 'nowrap' }}>{translate('nitd.list.clockStopped')}</span>;
  if (!r.dueAt) return <span style={{ opacity: 0.7 }}>{translate('nitd.list.noDue')}</span>;
  const struck = presence === 'missing' || r.status !== 'running';
  return (
    <span title={f.dateTime(r.dueAt)} style={{ whiteSpace: 'nowrap', textDecoration: struck ? 'line-through' : undefined }}>
      {f.date(r.dueAt)} <span style={{ opacity: 0.75 }}>({f.relative(r.dueAt)})</span>
    </span>
  );
}

export function HoldField(_props: { label?: string }) {
  const translate = useTranslate();
  return useRecordContext<LifecycleRecord>()?.onHold ? <Chip size="small" color="error" label={translate('nitd.list.held')} /> : null;
}
