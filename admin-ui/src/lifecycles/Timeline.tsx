// The lifecycle's history for people: what the workflow did, in words, with the admin actions taken
// on it interleaved, oldest first, to the second in Oslo time. Downloads: the history decoded (an
// auditor reads it) and raw (Temporal's own format, encrypted as stored).
import { Alert, Box, Button, Chip, CircularProgress, Typography } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useNotify } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import { useFormat, type Format } from '../i18n/format';
import { useLabels } from '../i18n/labels';
import type { AdminActionRecord, TimelineEntry } from '../types';

const DOT: Record<TimelineEntry['kind'] | 'admin', string> = {
  lifecycle: '#1f4e79',
  request: '#8e24aa',
  activity: '#2e7d32',
  timer: '#ef6c00',
  phase: '#0277bd',
  admin: '#c62828',
};
const OUTCOME: Record<NonNullable<TimelineEntry['outcome']>, 'success' | 'error' | 'warning' | 'default'> = {
  ok: 'success',
  failed: 'error',
  pending: 'warning',
  cancelled: 'default',
};

type Row = { at: string; key: string; dot: string; text: string; detail: string[]; outcome?: TimelineEntry['outcome']; attempts?: number };

const humanise = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());

export function useWho() {
  const labels = useLabels();
  return (a: Pick<AdminActionRecord, 'actorRole' | 'actorName'>) =>
    a.actorName
      ? `${a.actorName} (${labels.t(`nitd.role.${a.actorRole}`, a.actorRole)})`
      : labels.t(`nitd.role.${a.actorRole}`, a.actorRole);
}

function eventRow(e: TimelineEntry, f: Format, labels: ReturnType<typeof useLabels>, kind: string): Row {
  const p = e.params;
  const values: Record<string, string | number> = {
    evidenceId: String(p.evidenceId ?? '—'),
    policyVersion: String(p.policyVersion ?? '—'),
    terminatedAt: typeof p.terminatedAt === 'string' ? f.dateTime(p.terminatedAt) : '—',
    firesAt: typeof p.firesAt === 'string' ? f.dateTime(p.firesAt) : '—',
    duration: typeof p.seconds === 'number' ? f.seconds(p.seconds) : '—',
    failure: String(p.failure ?? '—'),
    done: Number(p.done ?? 0),
    skipped: Number(p.skipped ?? 0),
    action: typeof p.action === 'string' ? labels.t(`nitd.timeline.cascadeAction.${p.action}`, p.action) : '—',
    phaseLabel: typeof p.phase === 'string' ? labels.phase(kind, p.phase) : '—',
  };
  const key = e.event.startsWith('phase.') ? 'phase.any' : e.event;
  // A kind may name an event its own way (a contact's termination is a departure).
  const text = labels.t(
    `nitd.timeline.eventByKind.${kind}.${key}`,
    labels.t(`nitd.timeline.event.${key}`, humanise(e.event.split('.').pop() ?? e.event), values),
    values,
  );
  const detail: string[] = [];
  if (typeof p.reason === 'string') detail.push(labels.translate('nitd.timeline.reason', { reason: labels.reason(p.reason) }));
  if (typeof p.cancelledAt === 'string')
    detail.push(labels.translate('nitd.timeline.event.timer.cancelledEarly', { cancelledAt: f.dateTime(p.cancelledAt) }));
  if (typeof p.lastFailure === 'string') detail.push(labels.translate('nitd.timeline.lastFailure', { failure: p.lastFailure }));
  if (typeof p.failure === 'string' && e.event.startsWith('activity.'))
    detail.push(labels.translate('nitd.timeline.failure', { failure: p.failure }));
  return { at: e.at, key: `e${e.id}`, dot: DOT[e.kind], text, detail, outcome: e.outcome, attempts: e.attempts };
}

export function Timeline({ id, kind, adminActions }: { id: string; kind: string; adminActions: AdminActionRecord[] }) {
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const notify = useNotify();
  const f = useFormat();
  const labels = useLabels();
  const who = useWho();
  const { data, isPending, error } = useQuery({
    queryKey: ['lifecycles', 'history', id],
    queryFn: () => dataProvider.lifecycleHistory(id),
    retry: false,
  });
  const download = (form: 'decoded' | 'raw') =>
    dataProvider.downloadHistory(id, form).catch((e: Error) => notify(e.message, { type: 'error' }));
  const status = (error as { status?: number } | null)?.status;

  const actions: Row[] = (data?.adminActions ?? adminActions).map((a) => ({
    at: a.at,
    key: `a${a.id}`,
    dot: DOT.admin,
    text: labels.translate('nitd.adminActions.byline', {
      action: labels.t(`nitd.action.${a.action}.label`, a.action),
      who: who(a),
      outcome: labels.t(`nitd.adminActions.outcomes.${a.outcome}`, a.outcome),
    }),
    detail: [
      a.reason ? labels.translate('nitd.timeline.reason', { reason: labels.reason(a.reason) }) : '',
      a.outcome !== 'accepted' ? (a.detail ?? '') : '',
    ].filter(Boolean),
  }));
  const rows = [...(data?.timeline ?? []).map((e) => eventRow(e, f, labels, kind)), ...actions].sort((a, b) => a.at.localeCompare(b.at));

  return (
    <Box>
      <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', mb: 1, flexWrap: 'wrap', gap: 1 }}>
        <Typography variant="h6" component="h2">
          {labels.translate('nitd.adminActions.title')}
        </Typography>
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
          <Button size="small" startIcon={<DownloadIcon />} onClick={() => download('decoded')} data-testid="download-history">
            {labels.translate('nitd.lifecycle.downloadDecoded')}
          </Button>
          <Button size="small" startIcon={<DownloadIcon />} onClick={() => download('raw')} data-testid="download-raw">
            {labels.translate('nitd.lifecycle.downloadRaw')}
          </Button>
        </Box>
      </Box>
      {isPending && <CircularProgress size={24} aria-label={labels.translate('ra.page.loading')} />}
      {error && (
        <Alert severity="warning" sx={{ mb: 1 }}>
          {labels.translate(status === 404 ? 'nitd.timeline.missing' : 'nitd.timeline.unavailable')}
        </Alert>
      )}
      <Box component="ol" sx={{ listStyle: 'none', p: 0, m: 0 }} data-testid="timeline">
        {rows.map((r) => (
          <Box component="li" key={r.key} sx={{ display: 'flex', gap: 1.5, pb: 1.5 }} data-at={r.at}>
            <Box sx={{ width: 12, height: 12, borderRadius: '50%', bgcolor: r.dot, mt: 0.75, flexShrink: 0 }} />
            <Box sx={{ flexGrow: 1, minWidth: 0 }}>
              <Typography variant="caption" color="text.secondary" component="div">
                {f.dateTime(r.at)}
              </Typography>
              <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
                <Typography variant="body2" sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
                  {r.text}
                </Typography>
                {r.outcome && r.outcome !== 'ok' && (
                  <Chip
                    size="small"
                    label={labels.translate(`nitd.timeline.outcome.${r.outcome}`)}
                    color={OUTCOME[r.outcome]}
                    variant="outlined"
                  />
                )}
                {r.attempts !== undefined && r.attempts > 1 && (
                  <Chip size="small" color="error" label={labels.translate('nitd.timeline.attempts', { smart_count: r.attempts })} />
                )}
              </Box>
              {r.detail.map((d) => (
                <Typography key={d} variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
                  {d}
                </Typography>
              ))}
            </Box>
          </Box>
        ))}
      </Box>
    </Box>
  );
}
