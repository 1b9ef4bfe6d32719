// Counts by kind and phase, what falls due per week for 12 weeks, and workflows in trouble.
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
import { Link, Title, useDataProvider } from 'react-admin';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ConsoleDataProvider } from '../dataProvider';
import { kindTitle } from '../kinds';
import { PhaseChip } from '../lifecycles/phase';
import type { Dashboard as Data } from '../types';

const listLink = (filter: object) => `/lifecycles?filter=${encodeURIComponent(JSON.stringify(filter))}`;

function Counts({ counts }: { counts: Data['counts'] }) {
  const running = counts.filter((c) => c.status === 'running');
  const kinds = [...new Set(counts.map((c) => c.kind))];
  return (
    <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
      {kinds.map((kind) => (
        <Card key={kind} sx={{ minWidth: 260, flex: 1 }}>
          <CardHeader
            title={`${kindTitle(kind)} lifecycles`}
            subheader={`${counts.filter((c) => c.kind === kind).reduce((n, c) => n + c.count, 0)} in all`}
          />
          <CardContent sx={{ pt: 0 }}>
            {running
              .filter((c) => c.kind === kind)
              .map((c) => (
                <Box key={c.phase} sx={{ display: 'flex', justifyContent: 'space-between', py: 0.5 }}>
                  <Link to={listLink({ kind, phase: c.phase, status: 'running' })}>
                    <PhaseChip phase={c.phase} />
                  </Link>
                  <Typography variant="h6">{c.count}</Typography>
                </Box>
              ))}
            {counts
              .filter((c) => c.kind === kind && c.status !== 'running')
              .map((c) => (
                <Box
                  key={`${c.phase}-${c.status}`}
                  sx={{ display: 'flex', justifyContent: 'space-between', py: 0.25, color: 'text.secondary' }}
                >
                  <span>
                    {c.phase.toLowerCase()} · {c.status}
                  </span>
                  <span>{c.count}</span>
                </Box>
              ))}
          </CardContent>
        </Card>
      ))}
    </Box>
  );
}

export function Dashboard() {
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { data, isPending, error } = useQuery({ queryKey: ['dashboard'], queryFn: () => dataProvider.dashboard() });
  if (isPending) return <CircularProgress sx={{ m: 4 }} />;
  if (error || !data) return <Alert severity="error">The dashboard could not be loaded: {(error as Error)?.message}</Alert>;
  const weeks = data.weeks.map((w) => ({ ...w, label: new Date(w.start).toLocaleDateString('en-GB', { day: 'numeric', month: 'short' }) }));

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, mt: 2 }}>
      <Title title="Dashboard" />
      <Counts counts={data.counts} />
      <Card>
        <CardHeader
          title="Due in the next 12 weeks"
          subheader="Purges of users' personal data (deletions) and CRM anonymisations, by the week they fall due; lifecycles on hold are not counted"
        />
        <CardContent sx={{ height: 300 }}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={weeks}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Legend />
              <Bar dataKey="deletions" name="Deletions (users)" stackId="due" fill="#1f4e79" isAnimationActive={false} />
              <Bar dataKey="anonymisations" name="Anonymisations (customers)" stackId="due" fill="#ef6c00" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </CardContent>
      </Card>
      <Card>
        <CardHeader
          title="Failing or stuck"
          subheader={
            <>
              Activities retrying, workflows failed, and lifecycles overdue but still running.{' '}
              {data.overdue > 0 && <Chip size="small" color="warning" label={`${data.overdue} overdue`} />}
            </>
          }
        />
        <CardContent>
          {data.problems === null ? (
            <Alert severity="warning">Temporal did not answer, so running workflows could not be checked.</Alert>
          ) : data.problems.length === 0 ? (
            <Alert severity="success">No workflow is failing or stuck.</Alert>
          ) : (
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>Lifecycle</TableCell>
                  <TableCell>Phase</TableCell>
                  <TableCell>Problem</TableCell>
                  <TableCell>Activity</TableCell>
                  <TableCell>Last failure</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.problems.slice(0, 10).map((p) => (
                  <TableRow key={`${p.workflowId}-${p.activity ?? ''}`}>
                    <TableCell>
                      <Link to={`/lifecycles/${encodeURIComponent(p.workflowId)}/show`}>{p.subjectId}</Link> ({p.kind})
                    </TableCell>
                    <TableCell>
                      <PhaseChip phase={p.phase} />
                    </TableCell>
                    <TableCell>{p.problem}</TableCell>
                    <TableCell>{p.activity ? `${p.activity} (attempt ${p.attempt})` : '—'}</TableCell>
                    <TableCell>{p.lastFailure ?? '—'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
              {data.problems.length > 10 && (
                <caption>
                  and {data.problems.length - 10} more in the sample checked; open the lifecycles list sorted by due date for the rest
                </caption>
              )}
            </Table>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}
