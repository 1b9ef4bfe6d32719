// How phases, statuses and due dates look everywhere in the console.
import { Chip } from '@mui/material';
import { useRecordContext } from 'react-admin';
import type { LifecycleRecord, LifecycleStatus } from '../types';

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

export const PhaseChip = ({ phase }: { phase?: string }) =>
  phase ? <Chip size="small" label={phase.replace('_', ' ').toLowerCase()} color={PHASE_COLOR[phase] ?? 'default'} /> : null;
export const StatusChip = ({ status }: { status?: string }) =>
  status ? <Chip size="small" variant="outlined" label={status} color={STATUS_COLOR[status as LifecycleStatus] ?? 'default'} /> : null;

export const PhaseField = (_props: { label?: string; sortBy?: string; source?: string }) => (
  <PhaseChip phase={useRecordContext<LifecycleRecord>()?.phase} />
);
export const StatusField = (_props: { label?: string; sortBy?: string; source?: string }) => (
  <StatusChip status={useRecordContext<LifecycleRecord>()?.status} />
);

/** "in 29 days", "3 hours ago": what an admin needs at a glance next to a date. */
export function relative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  const ms = Date.parse(iso) - now;
  const abs = Math.abs(ms);
  const [n, unit] = abs >= 86_400_000 ? [abs / 86_400_000, 'day'] : abs >= 3_600_000 ? [abs / 3_600_000, 'hour'] : [abs / 60_000, 'minute'];
  const r = Math.max(1, Math.round(n));
  const text = `${r} ${unit}${r === 1 ? '' : 's'}`;
  return ms >= 0 ? `in ${text}` : `${text} ago`;
}

export function formatDate(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}

export function DueField(_props: { label?: string; sortBy?: string; source?: string }) {
  const r = useRecordContext<LifecycleRecord>();
  if (!r) return null;
  if (r.onHold) return <span style={{ color: '#c62828' }}>clock stopped</span>;
  if (!r.dueAt) return <span style={{ color: '#888' }}>—</span>;
  return (
    <span title={r.dueAt}>
      {formatDate(r.dueAt)} <span style={{ color: '#666' }}>({relative(r.dueAt)})</span>
    </span>
  );
}

export function HoldField(_props: { label?: string }) {
  return useRecordContext<LifecycleRecord>()?.onHold ? <Chip size="small" color="error" label="held" /> : null;
}
