// The conformance scan's open findings first; then counts by kind and phase, holds, what falls due
// per ISO week for 12 weeks (each bar opens the matching list), and workflows in trouble. Postgres
// answers first; Temporal's check follows and takes out of the bars what Temporal will not do (rows
// with no workflow), or says it could not check.
import {
  Alert,
  Box,
  Card,
  CardContent,
  CardHeader,
  Chip,
  CircularProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link, Title, useAuthenticated, useDataProvider, useTranslate } from 'react-admin';
import { session } from '../token';
import { useNavigate } from 'react-router-dom';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ConformanceSummary } from '../conformance/ConformanceSummary';
import type { ConsoleDataProvider } from '../dataProvider';
import { useFormat } from '../i18n/format';
import { useLabels } from '../i18n/labels';
import { useKinds } from '../kinds';
import { PhaseChip } from '../lifecycles/phase';
import { usePageTitle } from '../usePageTitle';
import type { Dashboard as Data, DashboardChecks } from '../types';

// Dark enough for text on white (WCAG AA), since the legend writes each kind in its colour.
const COLORS = ['#1f4e79', '#9a4a00', '#1b6e20', '#7b1fa2', '#00696f'];
export const listLink = (filter: object) => `/lifecycles?filter=${encodeURIComponent(JSON.stringify(filter))}`;

function Counts({ counts, held }: { counts: Data['counts']; held: Data['held'] }) {
  const labels = useLabels();
  const kinds = [...new Set(counts.map((c) => c.kind))];
  return (
    <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
      {kinds.map((kind) => {
        const heldHere = held.find((h) => h.kind === kind)?.count ?? 0;
        return (
          <Card key={kind} sx={{ minWidth: 260, flex: 1 }} data-testid={`counts-${kind}`}>
            <CardHeader
              title={labels.translate('nitd.dashboard.lifecycles', { kind: labels.kindPlural(kind) })}
              subheader={labels.translate('nitd.dashboard.inAll', {
                smart_count: counts.filter((c) => c.kind === kind).reduce((n, c) => n + c.count, 0),
              })}
              slotProps={{ title: { component: 'h2', variant: 'h6' } }}
            />
            <CardContent sx={{ pt: 0 }}>
              {counts
                .filter((c) => c.kind === kind && c.status === 'running')
                .map((c) => (
                  <Box key={c.phase} sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', py: 0.5 }}>
                    <Link to={listLink({ kind, phase: c.phase, status: 'running' })}>
                      <PhaseChip kind={kind} phase={c.phase} />
                    </Link>
                    <Typography variant="h6" component="span">
                      {c.count}
                    </Typography>
                  </Box>
                ))}
              {heldHere > 0 && (
                <Box sx={{ display: 'flex', justifyContent: 'space-between', py: 0.5 }}>
                  <Link to={listLink({ kind, onHold: true, status: 'running' })}>{labels.translate('nitd.dashboard.held')}</Link>
                  <strong>{heldHere}</strong>
                </Box>
              )}
              {counts
                .filter((c) => c.kind === kind && c.status !== 'running')
                .map((c) => (
                  <Box
                    key={`${c.phase}-${c.status}`}
                    sx={{ display: 'flex', justifyContent: 'space-between', py: 0.25, color: 'text.secondary' }}
                  >
                    <Link to={listLink({ kind, phase: c.phase, status: c.status })} sx={{ color: 'inherit' }}>
                      {labels.phase(kind, c.phase)} · {labels.status(c.status)}
                    </Link>
                    <span>{c.count}</span>
                  </Box>
                ))}
            </CardContent>
          </Card>
        );
      })}
    </Box>
  );
}

function Forecast({ data, checks, checking }: { data: Data; checks?: DashboardChecks; checking: boolean }) {
  const labels = useLabels();
  const f = useFormat();
  const navigate = useNavigate();
  const kinds = useKinds().data?.map((k) => k.kind) ?? [...new Set(data.weeks.flatMap((w) => Object.keys(w.due)))];
  const missing = checks?.notScheduled;
  const rows = data.weeks.map((w, i) => {
    const row: Record<string, string | number> = {
      label: labels.translate('nitd.dashboard.week', { week: w.week }),
      range: labels.translate('nitd.dashboard.weekRange', {
        week: w.week,
        from: f.dayMonth(w.start),
        to: f.dayMonth(new Date(Date.parse(w.end) - 1).toISOString()),
      }),
      i,
    };
    for (const k of kinds) {
      const gone = missing?.[i]?.[k] ?? 0;
      row[k] = Math.max(0, (w.due[k] ?? 0) - gone);
      row[`missing:${k}`] = gone;
    }
    return row;
  });
  const totalMissing = (missing ?? []).reduce((n, w) => n + Object.values(w).reduce((a, b) => a + b, 0), 0);
  const open = (i: number, kind: string) => {
    const w = data.weeks[i]!;
    navigate(listLink({ kind, status: 'running', dueAt_gte: w.start, dueAt_lte: new Date(Date.parse(w.end) - 1).toISOString() }));
  };
  return (
    <Card>
      <CardHeader
        title={labels.translate('nitd.dashboard.forecastTitle')}
        subheader={labels.translate('nitd.dashboard.forecastHelp')}
        slotProps={{ title: { component: 'h2', variant: 'h6' } }}
      />
      <CardContent>
        {checking && <Alert severity="info">{labels.translate('nitd.dashboard.checking')}</Alert>}
        {!checking && checks?.temporalStatus === 'unavailable' && (
          <Alert severity="warning" data-testid="forecast-unchecked">
            {labels.translate('nitd.dashboard.unchecked')}
          </Alert>
        )}
        {totalMissing > 0 && (
          <Alert severity="error" data-testid="forecast-missing">
            {labels.translate('nitd.dashboard.notScheduledNote', { smart_count: totalMissing })}
          </Alert>
        )}
        <Box sx={{ height: 300, mt: 1 }} data-testid="forecast">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows} accessibilityLayer>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" />
              <YAxis allowDecimals={false} />
              <Tooltip labelFormatter={(_l, payload) => String(payload?.[0]?.payload?.range ?? '')} />
              <Legend />
              {kinds.map((k, n) => (
                <Bar
                  key={k}
                  dataKey={k}
                  name={labels.kindPlural(k)}
                  stackId="due"
                  fill={COLORS[n % COLORS.length]}
                  isAnimationActive={false}
                  cursor="pointer"
                  onClick={(d: { payload?: { i?: number } }) => d.payload?.i !== undefined && open(d.payload.i, k)}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </Box>
        {/* The same numbers as links: every bar reachable by keyboard and screen reader. */}
        <Box component="ul" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, p: 0, m: 0, listStyle: 'none' }} data-testid="forecast-links">
          {rows.map((r) =>
            kinds
              .filter((k) => Number(r[k]) > 0)
              .map((k) => (
                <li key={`${r.i}-${k}`}>
                  <Link
                    to={listLink({
                      kind: k,
                      status: 'running',
                      dueAt_gte: data.weeks[Number(r.i)]!.start,
                      dueAt_lte: new Date(Date.parse(data.weeks[Number(r.i)]!.end) - 1).toISOString(),
                    })}
                  >
                    {r.label}: {labels.kindPlural(k)} {r[k]}
                  </Link>
                </li>
              )),
          )}
        </Box>
      </CardContent>
    </Card>
  );
}

function Problems({ checks, checking, overdue }: { checks?: DashboardChecks; checking: boolean; overdue: number }) {
  const labels = useLabels();
  const f = useFormat();
  return (
    <Card>
      <CardHeader
        title={labels.translate('nitd.dashboard.problemsTitle')}
        slotProps={{ title: { component: 'h2', variant: 'h6' } }}
        subheader={
          <>
            {labels.translate('nitd.dashboard.problemsHelp')}{' '}
            {overdue > 0 && (
              <Chip size="small" color="warning" label={labels.translate('nitd.dashboard.overdue', { smart_count: overdue })} />
            )}
          </>
        }
      />
      <CardContent sx={{ overflowX: 'auto' }}>
        {checking ? (
          <CircularProgress size={24} aria-label={labels.translate('nitd.dashboard.checking')} />
        ) : !checks || checks.problems === null ? (
          <Alert severity="warning">{labels.translate('nitd.dashboard.problemsUnavailable')}</Alert>
        ) : checks.problems.length === 0 ? (
          <Alert severity="success">{labels.translate('nitd.dashboard.problemsNone')}</Alert>
        ) : (
          <Table size="small" data-testid="problems">
            <TableHead>
              <TableRow>
                <TableCell>{labels.translate('nitd.dashboard.lifecycle')}</TableCell>
                <TableCell>{labels.translate('nitd.dashboard.phase')}</TableCell>
                <TableCell>{labels.translate('nitd.dashboard.what')}</TableCell>
                <TableCell>{labels.translate('nitd.dashboard.lastFailure')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {checks.problems.slice(0, 10).map((p) => (
                <TableRow key={`${p.workflowId}-${p.activity ?? ''}`}>
                  <TableCell sx={{ overflowWrap: 'anywhere', minWidth: 140 }}>
                    <Link to={`/lifecycles/${encodeURIComponent(p.workflowId)}/show`} title={labels.translate('nitd.dashboard.remedy')}>
                      {labels.kind(p.kind)} {p.subjectId}
                    </Link>
                  </TableCell>
                  <TableCell>
                    <PhaseChip kind={p.kind} phase={p.phase} />
                  </TableCell>
                  <TableCell>
                    {labels.t(`nitd.dashboard.problem.${p.problem}`, p.problem, {
                      activity: p.activity ?? '',
                      attempt: p.attempt ?? '',
                      since: p.since ? f.dateTime(p.since) : '',
                    })}
                  </TableCell>
                  <TableCell sx={{ overflowWrap: 'anywhere', minWidth: 160 }}>{p.lastFailure ?? '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
            {checks.problems.length > 10 && (
              <caption>{labels.translate('nitd.dashboard.problemsMore', { smart_count: checks.problems.length - 10 })}</caption>
            )}
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

export function Dashboard() {
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const translate = useTranslate();
  const title = translate('nitd.dashboard.title');
  usePageTitle(title);
  useAuthenticated();
  // Not before sign-in: the dashboard is the first page, and without a token the API says 401.
  const signedIn = !!session.token();
  const { data, isPending, error } = useQuery({ queryKey: ['dashboard'], queryFn: () => dataProvider.dashboard(), enabled: signedIn });
  const checks = useQuery({
    queryKey: ['dashboard', 'checks'],
    queryFn: () => dataProvider.dashboardChecks(),
    retry: false,
    enabled: signedIn,
  });
  if (isPending) return <CircularProgress sx={{ m: 4 }} aria-label={translate('ra.page.loading')} />;
  if (error || !data) return <Alert severity="error">{(error as Error)?.message}</Alert>;
  return (
    <Box component="section" sx={{ display: 'flex', flexDirection: 'column', gap: 2, mt: 2 }}>
      <Title title={title} />
      <Typography variant="h5" component="h1" sx={{ position: 'absolute', left: -10000 }}>
        {title}
      </Typography>
      <ConformanceSummary enabled={signedIn} />
      <Counts counts={data.counts} held={data.held} />
      <Forecast data={data} checks={checks.data} checking={checks.isPending} />
      <Problems checks={checks.data} checking={checks.isPending} overdue={data.overdue} />
    </Box>
  );
}
