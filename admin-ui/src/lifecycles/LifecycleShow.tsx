// The lifecycle page. Its facts come from Postgres and show at once; what Temporal says now (status,
// time left, hold, the rule the workflow reports, deadlines) comes in a second, bounded call and the
// page says so when Temporal is slow, down, or has no such workflow, with a repair for admins.
import type { ReactNode } from 'react';
import { Alert, Box, Card, CardContent, Chip, Divider, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link, Show, useDataProvider, useGetRecordId, usePermissions, useRecordContext, useShowContext, useTranslate } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import { useFormat } from '../i18n/format';
import { useLabels } from '../i18n/labels';
import { SubjectLink, useKinds } from '../kinds';
import { NotFound } from '../NotFound';
import { usePageTitle } from '../usePageTitle';
import type { LifecycleLive, LifecyclePage, RuleInForce } from '../types';
import { ActionButton } from './ActionButton';
import { PhaseChip, StatusChip } from './phase';
import { Timeline } from './Timeline';

export function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Box sx={{ minWidth: { xs: '100%', sm: 220 }, flex: { xs: '1 1 100%', sm: '0 1 auto' } }} data-testid={testId}>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography variant="body2" component="div" sx={{ overflowWrap: 'anywhere' }}>
        {children}
      </Typography>
    </Box>
  );
}

function RuleCard({ rule, noRule }: { rule: RuleInForce | null | undefined; noRule?: string | null }) {
  const translate = useTranslate();
  const f = useFormat();
  if (!rule) {
    return noRule ? (
      <Alert severity="info" data-testid="no-rule">
        {translate(`nitd.lifecycle.noRule.${noRule}`)}
      </Alert>
    ) : null;
  }
  const duration = rule.duration ? f.isoDuration(rule.duration) : null;
  const action = translate(`nitd.ruleAction.${rule.action}`, { _: rule.action });
  return (
    <Box data-testid="rule">
      <Typography variant="caption" color="text.secondary" component="div">
        {translate(rule.inForce ? 'nitd.lifecycle.ruleInForce' : 'nitd.lifecycle.ruleApplied')} ·{' '}
        {translate(`nitd.lifecycle.source.${rule.source}`)}
      </Typography>
      <Typography variant="body1" sx={{ fontWeight: 600 }}>
        {duration
          ? translate('nitd.lifecycle.ruleLine', { rule: rule.id, action, duration: translate('nitd.ruleAfter', { duration }) })
          : translate('nitd.lifecycle.ruleNoClock', { rule: rule.id, action })}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {translate('nitd.lifecycle.trigger', { trigger: translate(`nitd.trigger.${rule.id}`, { _: rule.trigger }) })}
      </Typography>
      <Typography variant="body2" lang="nb" sx={{ fontStyle: 'italic', color: 'text.secondary', mt: 0.5 }}>
        «{rule.notice}»
      </Typography>
    </Box>
  );
}

function LiveBanner({ live, pending, failed }: { live?: LifecycleLive; pending: boolean; failed: boolean }) {
  const translate = useTranslate();
  const f = useFormat();
  const { permissions } = usePermissions();
  if (pending)
    return (
      <Alert severity="info" data-testid="live-loading">
        {translate('nitd.lifecycle.live.loading')}
      </Alert>
    );
  if (failed || !live || live.presence === 'unreachable')
    return (
      <Alert severity="warning" data-testid="live-unreachable">
        {translate('nitd.lifecycle.live.unreachable')}
      </Alert>
    );
  if (live.presence === 'missing' || live.presence === 'stale') {
    const missing = live.presence === 'missing';
    return (
      <Alert
        severity="error"
        data-testid={`live-${live.presence}`}
        action={
          permissions === 'admin' ? (
            <ActionButton
              action="repair"
              explain={translate(missing ? 'nitd.lifecycle.repair.missingExplain' : 'nitd.lifecycle.repair.staleExplain')}
            />
          ) : undefined
        }
        sx={{ alignItems: 'center', flexWrap: 'wrap' }}
      >
        <strong>{translate(`nitd.presence.${live.presence}`)}</strong>
        <div>
          {missing
            ? translate('nitd.lifecycle.live.missing')
            : translate('nitd.lifecycle.live.stale', { status: live.temporalStatus.toLowerCase() })}
        </div>
        <div>{translate('nitd.lifecycle.live.checkedAt', { at: f.dateTime(live.checkedAt) })}</div>
      </Alert>
    );
  }
  return null;
}

function LifecycleDetails() {
  const r = useRecordContext<LifecyclePage>();
  const { permissions } = usePermissions();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const translate = useTranslate();
  const labels = useLabels();
  const f = useFormat();
  const kinds = useKinds();
  const id = r ? String(r.id) : '';
  const live = useQuery({
    queryKey: ['lifecycles', 'live', id, r?.updatedAt],
    queryFn: () => dataProvider.lifecycleLive(id),
    enabled: !!r,
    retry: false,
  });
  usePageTitle(r ? translate('nitd.lifecycle.title', { kind: labels.kind(r.kind), id: r.subjectId }) : undefined);
  if (!r) return null;
  const l = live.data;
  const running = r.status === 'running' && l?.temporalStatus === 'RUNNING';
  const purged = r.phase === 'PURGED';
  // A restore undoes a termination. Every kind's phases run active, then ended (a user's QUARANTINED,
  // a customer's or prospect's ENDED, a contact's DEPARTED, a case's CLOSED), then final; the
  // workflow's validator has the last word.
  const restorable = r.phase === (kinds.data?.find((k) => k.kind === r.kind)?.phases[1] ?? 'QUARANTINED');
  const rule = l?.rule ?? r.rule;

  return (
    <Stack spacing={2} sx={{ p: { xs: 1, sm: 2 } }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1" sx={{ overflowWrap: 'anywhere' }}>
          {labels.kind(r.kind)} <SubjectLink kind={r.kind} subjectId={r.subjectId} />
        </Typography>
        <PhaseChip kind={r.kind} phase={r.phase} />
        <StatusChip status={r.status} presence={l?.presence} />
        {r.onHold && <Chip size="small" color="error" label={translate('nitd.list.held')} />}
      </Box>

      <LiveBanner live={l} pending={live.isPending} failed={live.isError} />

      {r.policy && !r.policy.known && (
        <Alert severity="warning">{translate('nitd.lifecycle.unknownPolicy', { version: r.policyVersion })}</Alert>
      )}
      {!!r.policy?.overrides.length && (
        <Alert severity="warning" data-testid="policy-override">
          {translate('nitd.lifecycle.override', {
            list: r.policy.overrides
              .map((o) =>
                translate('nitd.lifecycle.overrideItem', {
                  setting: translate(`nitd.setting.${o.setting}`, { _: o.setting }),
                  value: f.isoDuration(o.value) ?? o.value,
                  notice: f.isoDuration(o.notice) ?? o.notice,
                }),
              )
              .join('; '),
          })}
        </Alert>
      )}

      <Card variant="outlined">
        <CardContent sx={{ display: 'flex', flexWrap: 'wrap', gap: 2 }}>
          <Fact label={translate('nitd.lifecycle.due')} testId="due">
            {r.dueAt ? `${f.dateTime(r.dueAt)} (${f.relative(r.dueAt)})` : r.onHold ? translate('nitd.lifecycle.clockStopped') : '—'}
          </Fact>
          <Fact label={translate('nitd.lifecycle.timeLeft')}>
            {typeof l?.remainingMs === 'number'
              ? r.onHold
                ? translate('nitd.lifecycle.frozen', { time: f.seconds(l.remainingMs / 1000) })
                : f.seconds(l.remainingMs / 1000)
              : '—'}
          </Fact>
          <Fact label={translate('nitd.lifecycle.hold')}>
            {l?.hold
              ? translate('nitd.lifecycle.holdSince', { since: f.dateTime(l.hold.since), reason: labels.reason(l.hold.reason) })
              : l
                ? translate('nitd.lifecycle.noHold')
                : '—'}
          </Fact>
          <Fact label={translate('nitd.lifecycle.policy')}>{r.policyVersion}</Fact>
          <Fact label={translate('nitd.lifecycle.customer')}>
            {r.customerId ? <Link to={`/customers/${encodeURIComponent(r.customerId)}/show`}>{r.customerId}</Link> : '—'}
          </Fact>
          <Fact label={translate('nitd.lifecycle.workflow')}>
            <code>{r.workflowId}</code>
          </Fact>
          <Fact label={translate('nitd.lifecycle.receipt')}>
            <Link to={`/receipts/${encodeURIComponent(r.kind)}/${encodeURIComponent(r.subjectId)}`} data-testid="receipt-link">
              {translate('nitd.subject.receipt')}
            </Link>
          </Fact>
        </CardContent>
        <Divider />
        <CardContent>
          <RuleCard rule={rule} noRule={r.noRule} />
        </CardContent>
        {!!l?.deadlines.length && (
          <>
            <Divider />
            <CardContent data-testid="deadlines">
              <Typography variant="caption" color="text.secondary" component="div">
                {translate('nitd.lifecycle.deadlines')}
              </Typography>
              {l.deadlines.map((d) => (
                <Typography key={d.key} variant="body2">
                  {/* Named by what it counts from in this kind when the catalogue says so (a contact's departure). */}
                  {translate(`nitd.lifecycle.deadline.byKind.${r.kind}.${d.key}`, {
                    _: translate(`nitd.lifecycle.deadline.${d.key}`, { _: d.key }),
                  })}
                  : {f.dateTime(d.at)}
                  {d.doneAt ? ` · ${translate('nitd.lifecycle.done', { at: f.dateTime(d.doneAt) })}` : ` (${f.relative(d.at)})`}
                </Typography>
              ))}
            </CardContent>
          </>
        )}
      </Card>

      {!!l?.pendingActivities.length && (
        <Alert severity={l.pendingActivities.some((a) => a.attempt > 1) ? 'error' : 'info'}>
          {translate('nitd.lifecycle.pending', {
            list: l.pendingActivities
              .map((a) =>
                translate(a.lastFailure ? 'nitd.lifecycle.pendingFailure' : 'nitd.lifecycle.pendingItem', {
                  activity: translate(`nitd.timeline.event.activity.${a.activity}`, { _: a.activity ?? '?', evidenceId: '—' }),
                  attempt: a.attempt,
                  failure: a.lastFailure ?? '',
                }),
              )
              .join('; '),
          })}
        </Alert>
      )}

      {permissions === 'admin' && (
        <Card variant="outlined" data-testid="actions">
          <CardContent>
            <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
              {translate('nitd.lifecycle.actions')}
            </Typography>
            {!running && (
              <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }} data-testid="actions-why">
                {r.status !== 'running'
                  ? translate('nitd.lifecycle.actionsNotRunning')
                  : l?.presence === 'missing' || l?.presence === 'stale'
                    ? translate('nitd.lifecycle.live.missing')
                    : translate('nitd.lifecycle.actionsUnavailable')}
              </Typography>
            )}
            <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
              <ActionButton action="hold" disabled={!running || r.onHold || purged} />
              <ActionButton action="release" disabled={!running || !r.onHold} />
              <ActionButton action="restore" disabled={!running || !restorable} />
              <ActionButton action="erasure" disabled={!running || purged} />
              <ActionButton action="cancel" disabled={!running} />
            </Box>
          </CardContent>
        </Card>
      )}

      {!!r.evidence?.length && (
        <Card variant="outlined">
          <CardContent>
            <Typography variant="h6" component="h2">
              {translate('nitd.lifecycle.evidence')}
            </Typography>
            {r.evidence.map((e) => (
              <Typography key={e.id} variant="body2">
                <Link to={`/evidence/${encodeURIComponent(e.id)}/show`}>
                  {e.rule} · {translate(`nitd.evidenceAction.${e.action}`, { _: e.action })} · {f.dateTime(e.finishedAt)}
                </Link>
              </Typography>
            ))}
          </CardContent>
        </Card>
      )}

      <Card variant="outlined">
        <CardContent>
          <Timeline id={id} kind={r.kind} adminActions={r.adminActions ?? []} />
        </CardContent>
      </Card>
    </Stack>
  );
}

function ShowBody() {
  const { error, isPending } = useShowContext();
  const translate = useTranslate();
  const id = useGetRecordId();
  if (!isPending && error) {
    const status = (error as { status?: number }).status;
    if (status === 404) return <NotFound message={translate('nitd.notFound.lifecycle', { id: String(id ?? '') })} listPath="/lifecycles" />;
    return <Alert severity="error">{(error as Error).message}</Alert>;
  }
  return <LifecycleDetails />;
}

export function LifecycleShow() {
  const translate = useTranslate();
  // No redirect on an unknown ID: the page says it does not exist, on the address that was followed.
  return (
    <Show
      title={translate('resources.lifecycles.name', { smart_count: 1 })}
      actions={false}
      queryOptions={{ onError: () => undefined, retry: false }}
    >
      <ShowBody />
    </Show>
  );
}
