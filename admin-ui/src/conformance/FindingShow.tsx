// One conformance finding: every field, what its check means in plain words, what its repair does,
// the repairs asked for it (who, when, why, the outcome), and for admins the repair itself, confirmed
// with a reason. A finding stays open until a scan no longer finds it: the page says so.
import { Fragment, type ReactNode } from 'react';
import {
  Alert,
  Box,
  Card,
  CardContent,
  Divider,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  useMediaQuery,
  type Theme,
} from '@mui/material';
import { Show, useDataProvider, useGetRecordId, usePermissions, useRecordContext, useShowContext, useTranslate } from 'react-admin';
import { ConfirmWithReason } from '../ConfirmWithReason';
import type { ConsoleDataProvider } from '../dataProvider';
import { useFormat } from '../i18n/format';
import { Fact } from '../lifecycles/LifecycleShow';
import { useWho } from '../lifecycles/Timeline';
import { NotFound } from '../NotFound';
import { usePageTitle } from '../usePageTitle';
import type { AdminActionRecord, ConformanceFindingPage } from '../types';
import { FindingStateChip, FindingSubject, LifecycleLink, OverdueText, useConformanceLabels } from './parts';

/** Why an admin cannot repair this one, or null when they can. */
function notRepairable(f: ConformanceFindingPage): string | null {
  if (f.repairable) return null;
  if (!f.open) return 'resolved';
  return f.repair === 'operator' || f.repair === 'none' ? f.repair : 'resolved';
}

function RepairCard({ f }: { f: ConformanceFindingPage }) {
  const { permissions } = usePermissions();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const l = useConformanceLabels();
  const fmt = useFormat();
  const why = notRepairable(f);
  const meaning = l.repairExplain(f.repair);
  return (
    <Card variant="outlined" data-testid="repair">
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {l.translate('nitd.conformance.repairTitle')}: {l.repair(f.repair)}
        </Typography>
        {meaning && (
          <Typography variant="body2" sx={{ mb: 1, maxWidth: '60rem' }}>
            {meaning}
          </Typography>
        )}
        {f.open && f.repairRequestedAt && (
          <Alert severity="info" sx={{ mb: 1 }} data-testid="repair-requested">
            {l.translate('nitd.conformance.repairRequested', { at: fmt.dateTime(f.repairRequestedAt) })}
          </Alert>
        )}
        {permissions === 'admin' && (
          <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mt: 1 }}>
            <ConfirmWithReason
              label={l.translate('nitd.conformance.repairButton')}
              subject={f.subjectId}
              explain={l.translate('nitd.conformance.repairDialog', { meaning })}
              color="primary"
              variant="contained"
              reasonRequired
              disabled={!!why}
              tag="repair-finding"
              done={l.translate('nitd.conformance.repairStarted')}
              withNote={false}
              onConfirm={(reason) => dataProvider.repairFinding(String(f.id), reason)}
            />
            {why && (
              <Typography variant="body2" color="text.secondary" data-testid="repair-why">
                {l.translate(`nitd.conformance.notRepairable.${why}`)}
              </Typography>
            )}
          </Box>
        )}
      </CardContent>
    </Card>
  );
}

/** One repair on a phone: its facts as a definition list (a five-column table would not fit). */
function RepairItem({ a }: { a: AdminActionRecord }) {
  const l = useConformanceLabels();
  const fmt = useFormat();
  const who = useWho();
  const rows: [string, ReactNode][] = [
    [l.translate('nitd.adminActions.when'), fmt.dateTime(a.at)],
    [l.translate('nitd.adminActions.who'), who(a)],
    [l.translate('nitd.adminActions.outcome'), l.t(`nitd.adminActions.outcomes.${a.outcome}`, a.outcome)],
    [l.translate('nitd.adminActions.reason'), a.reason ? l.reason(a.reason) : '—'],
    [l.translate('nitd.conformance.repairDetail'), <code key="detail">{a.detail ?? '—'}</code>],
  ];
  return (
    <Box component="li" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1 }}>
      <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '0.15rem 0.75rem' }}>
        {rows.map(([label, value]) => (
          <Fragment key={label}>
            <Typography component="dt" variant="body2" color="text.secondary">
              {label}
            </Typography>
            <Typography component="dd" variant="body2" sx={{ m: 0, overflowWrap: 'anywhere', minWidth: 0 }}>
              {value}
            </Typography>
          </Fragment>
        ))}
      </Box>
    </Box>
  );
}

function RepairTable({ repairs }: { repairs: AdminActionRecord[] }) {
  const l = useConformanceLabels();
  const fmt = useFormat();
  const who = useWho();
  return (
    <Table size="small" data-testid="repairs">
      <TableHead>
        <TableRow>
          <TableCell>{l.translate('nitd.adminActions.when')}</TableCell>
          <TableCell>{l.translate('nitd.adminActions.who')}</TableCell>
          <TableCell>{l.translate('nitd.adminActions.outcome')}</TableCell>
          <TableCell>{l.translate('nitd.adminActions.reason')}</TableCell>
          <TableCell>{l.translate('nitd.conformance.repairDetail')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {repairs.map((a) => (
          <TableRow key={a.id}>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(a.at)}</TableCell>
            <TableCell>{who(a)}</TableCell>
            <TableCell>{l.t(`nitd.adminActions.outcomes.${a.outcome}`, a.outcome)}</TableCell>
            <TableCell>{a.reason ? l.reason(a.reason) : '—'}</TableCell>
            <TableCell sx={{ overflowWrap: 'anywhere' }}>
              <code>{a.detail ?? '—'}</code>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function Repairs({ f }: { f: ConformanceFindingPage }) {
  const l = useConformanceLabels();
  const compact = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const repairs = f.repairs;
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {l.translate('nitd.conformance.repairs')}
        </Typography>
        {!repairs ? null : repairs.length === 0 ? (
          <Typography variant="body2">{l.translate('nitd.conformance.noRepairs')}</Typography>
        ) : compact ? (
          <Box
            component="ul"
            data-testid="repairs"
            sx={{ listStyle: 'none', p: 0, m: 0, display: 'flex', flexDirection: 'column', gap: 1 }}
          >
            {repairs.map((a) => (
              <RepairItem key={a.id} a={a} />
            ))}
          </Box>
        ) : (
          <RepairTable repairs={repairs} />
        )}
      </CardContent>
    </Card>
  );
}

function FindingDetails() {
  const f = useRecordContext<ConformanceFindingPage>();
  const l = useConformanceLabels();
  const fmt = useFormat();
  const field = (name: string) => l.translate(`resources.conformance.fields.${name}`);
  const title = f ? l.translate('nitd.conformance.findingTitle', { check: l.check(f.check) }) : undefined;
  usePageTitle(title);
  if (!f) return null;
  return (
    <Stack spacing={2} sx={{ p: { xs: 1, sm: 2 } }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1" sx={{ overflowWrap: 'anywhere' }}>
          {title}
        </Typography>
        <FindingStateChip f={f} />
      </Box>

      <Card variant="outlined">
        <CardContent>
          <Typography variant="h6" component="h2" gutterBottom>
            {l.translate('nitd.conformance.whatItMeans')}
          </Typography>
          <Typography variant="body1" sx={{ maxWidth: '60rem' }} data-testid="check-explain">
            {l.checkExplain(f.check)}
          </Typography>
        </CardContent>
        <Divider />
        <CardContent sx={{ display: 'flex', flexWrap: 'wrap', gap: 2 }}>
          <Fact label={field('check')}>
            <code>{f.check}</code>
          </Fact>
          <Fact label={field('rule')}>
            <code>{f.rule}</code>
          </Fact>
          <Fact label={field('subjectId')} testId="subject">
            <FindingSubject f={f} />
          </Fact>
          <Fact label={field('workflowId')} testId="lifecycle">
            <LifecycleLink workflowId={f.workflowId} />
          </Fact>
          <Fact label={l.translate('nitd.conformance.where')}>
            {f.store} · {f.table}
          </Fact>
          <Fact label={field('dueAt')}>{f.dueAt ? `${fmt.dateTime(f.dueAt)} (${fmt.relative(f.dueAt)})` : '—'}</Fact>
          <Fact label={field('overdueSeconds')} testId="overdue">
            <OverdueText seconds={f.overdueSeconds} />
            {f.overdueSeconds !== null && f.overdueSeconds > 0 && ` (${l.translate('nitd.conformance.overdueAtScan')})`}
          </Fact>
          <Fact label={field('firstSeenAt')}>{fmt.dateTime(f.firstSeenAt)}</Fact>
          <Fact label={field('lastSeenAt')}>{fmt.dateTime(f.lastSeenAt)}</Fact>
          <Fact label={field('resolvedAt')} testId="resolved">
            {f.resolvedAt ? fmt.dateTime(f.resolvedAt) : l.translate('nitd.conformance.notResolved')}
          </Fact>
          <Fact label={field('repairRequestedAt')}>{fmt.dateTime(f.repairRequestedAt)}</Fact>
          <Fact label={field('id')}>
            <code>{f.id}</code>
          </Fact>
        </CardContent>
      </Card>

      <RepairCard f={f} />
      <Repairs f={f} />
    </Stack>
  );
}

function ShowBody() {
  const { error, isPending } = useShowContext();
  const translate = useTranslate();
  const id = useGetRecordId();
  if (!isPending && error) {
    if ((error as { status?: number }).status === 404)
      return (
        <NotFound
          message={translate('nitd.notFound.record', { name: translate('nitd.conformance.finding').toLowerCase(), id: String(id ?? '') })}
          listPath="/conformance"
        />
      );
    return <Alert severity="error">{(error as Error).message}</Alert>;
  }
  return <FindingDetails />;
}

export function FindingShow() {
  const translate = useTranslate();
  return (
    <Show title={translate('nitd.conformance.finding')} actions={false} queryOptions={{ onError: () => undefined, retry: false }}>
      <ShowBody />
    </Show>
  );
}
