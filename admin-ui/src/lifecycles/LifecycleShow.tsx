// The lifecycle page: current state, rule and policy version, due date with time left, hold, the
// admin actions taken (with reasons), the timeline, and, for admins only, the action buttons.
import type { ReactNode } from 'react';
import {
  Alert,
  Box,
  Card,
  CardContent,
  Chip,
  Divider,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { Link, Show, usePermissions, useRecordContext } from 'react-admin';
import { kindTitle, SubjectLink } from '../kinds';
import type { LifecyclePage } from '../types';
import { ActionButton } from './ActionButton';
import { formatDate, PhaseChip, relative, StatusChip } from './phase';
import { Timeline } from './Timeline';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box sx={{ minWidth: 200 }}>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="body2" component="div">
        {children}
      </Typography>
    </Box>
  );
}

function duration(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  const hours = Math.floor((ms % 86_400_000) / 3_600_000);
  return days > 0 ? `${days} d ${hours} h` : `${hours} h ${Math.floor((ms % 3_600_000) / 60_000)} min`;
}

function LifecycleDetails() {
  const r = useRecordContext<LifecyclePage>();
  const { permissions } = usePermissions();
  if (!r) return null;
  const running = r.status === 'running' && r.temporalStatus === 'RUNNING';
  const purged = r.phase === 'PURGED';

  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
        <Typography variant="h5">
          {kindTitle(r.kind)} <SubjectLink kind={r.kind} subjectId={r.subjectId} />
        </Typography>
        <PhaseChip phase={r.phase} />
        <StatusChip status={r.status} />
        {r.onHold && <Chip size="small" color="error" label="legal hold" />}
      </Box>
      {r.temporalStatus === 'UNAVAILABLE' && (
        <Alert severity="warning">Temporal did not answer: the facts below are from the console's list, and actions are unavailable.</Alert>
      )}

      <Card variant="outlined">
        <CardContent sx={{ display: 'flex', flexWrap: 'wrap', gap: 3 }}>
          <Fact label="Due">
            {r.dueAt ? `${formatDate(r.dueAt)} (${relative(r.dueAt)})` : r.onHold ? 'clock stopped by the hold' : '—'}
          </Fact>
          <Fact label="Time left">{typeof r.remainingMs === 'number' ? duration(r.remainingMs) + (r.onHold ? ' (frozen)' : '') : '—'}</Fact>
          <Fact label="Hold">{r.hold ? `since ${formatDate(r.hold.since)}: ${r.hold.reason}` : 'none'}</Fact>
          <Fact label="Policy version">{r.policyVersion}</Fact>
          <Fact label="Customer">
            {r.customerId ? <Link to={`/customers/${encodeURIComponent(r.customerId)}/show`}>{r.customerId}</Link> : '—'}
          </Fact>
          <Fact label="Workflow">
            <code>{r.workflowId}</code> · {r.temporalStatus?.toLowerCase()}
          </Fact>
        </CardContent>
        {r.rule && (
          <>
            <Divider />
            <CardContent>
              <Typography variant="caption" color="text.secondary">
                Rule in force
              </Typography>
              <Typography variant="body2">
                <strong>{r.rule.id}</strong> · {r.rule.action}
                {r.rule.duration ? ` after ${r.rule.duration}` : ''} · trigger: {r.rule.trigger}
              </Typography>
              <Typography variant="body2" sx={{ fontStyle: 'italic', color: 'text.secondary', mt: 0.5 }}>
                «{r.rule.notice}»
              </Typography>
            </CardContent>
          </>
        )}
      </Card>

      {!!r.pendingActivities?.length && (
        <Alert severity={r.pendingActivities.some((a) => a.attempt > 1) ? 'error' : 'info'}>
          Pending:{' '}
          {r.pendingActivities
            .map((a) => `${a.activity} (attempt ${a.attempt}${a.lastFailure ? `, last failure: ${a.lastFailure}` : ''})`)
            .join('; ')}
        </Alert>
      )}

      {permissions === 'admin' && (
        <Card variant="outlined" data-testid="actions">
          <CardContent>
            <Typography variant="h6" sx={{ mb: 1 }}>
              Actions
            </Typography>
            <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>
              <ActionButton action="hold" disabled={!running || r.onHold || purged} />
              <ActionButton action="release" disabled={!running || !r.onHold} />
              <ActionButton action="restore" disabled={!running || r.phase !== 'QUARANTINED'} />
              <ActionButton action="erasure" disabled={!running || purged} />
              <ActionButton action="cancel" disabled={!running} />
            </Stack>
          </CardContent>
        </Card>
      )}

      <Card variant="outlined">
        <CardContent>
          <Typography variant="h6">Admin actions</Typography>
          {r.adminActions?.length ? (
            <Table size="small" data-testid="admin-actions">
              <TableHead>
                <TableRow>
                  <TableCell>When</TableCell>
                  <TableCell>Role</TableCell>
                  <TableCell>Action</TableCell>
                  <TableCell>Outcome</TableCell>
                  <TableCell>Reason</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {r.adminActions.map((a) => (
                  <TableRow key={a.id}>
                    <TableCell>{formatDate(a.at)}</TableCell>
                    <TableCell>{a.actorRole}</TableCell>
                    <TableCell>{a.action}</TableCell>
                    <TableCell>
                      <Chip
                        size="small"
                        label={a.outcome}
                        color={a.outcome === 'accepted' ? 'success' : 'warning'}
                        variant="outlined"
                        title={a.detail ?? ''}
                      />
                    </TableCell>
                    <TableCell>{a.reason ?? '—'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ) : (
            <Typography variant="body2" color="text.secondary">
              None.
            </Typography>
          )}
          {!!r.evidence?.length && (
            <Typography variant="body2" sx={{ mt: 1 }}>
              Evidence:{' '}
              {r.evidence.map((e) => (
                <Link key={e.id} to={`/evidence/${e.id}/show`}>
                  {e.rule} ({e.id}){' '}
                </Link>
              ))}
            </Typography>
          )}
        </CardContent>
      </Card>

      <Card variant="outlined">
        <CardContent>
          <Timeline id={String(r.id)} />
        </CardContent>
      </Card>
    </Stack>
  );
}

export function LifecycleShow() {
  return (
    <Show title="Lifecycle" actions={false}>
      <LifecycleDetails />
    </Show>
  );
}
