// Every subject that still holds personal data has a lifecycle that will act on it: for each kind,
// the subjects its own table calls pending (active, or ended and not yet erased) are compared with
// the running lifecycles Temporal's visibility lists (one scan, not the console's projection, which
// can be stale), and Temporal itself confirms the few that look wrong. Found:
//  - no lifecycle at all (its start at provisioning failed, or it was never reported);
//  - a lifecycle closed early (cancelled, terminated, failed): nothing will ever erase the data;
//  - a lifecycle that completed, yet the data is back (a restored backup): erase again;
//  - an ended subject whose lifecycle is still ACTIVE: its termination never arrived.
import { WorkflowNotFoundError } from '@temporalio/client';
import type { CheckContext, CheckOutcome, ConformanceCheck, FindingCandidate } from '../../../lifecycles/conformance';
import { ALL_KINDS } from '../../../lifecycles/registry';
import type { KindRegistration } from '../../../lifecycles/registration';
import { LifecycleKind, LifecyclePhase } from '../../../lifecycles/shared/searchAttributes';
import type { PendingSubject } from '../../../lifecycles/subjects';

const PAGE = 500;
/** Temporal is asked about this many suspects at once. */
const DESCRIBE_CONCURRENCY = 10;

type Seen = { status: 'none' } | { status: 'running'; phase: string | null } | { status: 'completed' } | { status: 'closed-early' };

async function inTemporal(ctx: CheckContext, workflowId: string): Promise<Seen> {
  try {
    const d = await ctx.temporal.workflow.getHandle(workflowId).describe();
    if (d.status.name === 'RUNNING') return { status: 'running', phase: d.typedSearchAttributes.get(LifecyclePhase) ?? null };
    return d.status.name === 'COMPLETED' ? { status: 'completed' } : { status: 'closed-early' };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return { status: 'none' };
    throw err;
  }
}

function judge(registration: KindRegistration, subject: PendingSubject, seen: Seen, ctx: CheckContext): FindingCandidate | null {
  const { kind, conformance } = registration;
  const base = {
    rule: subject.active ? conformance.lifecycleRule.active : conformance.lifecycleRule.ended,
    store: 'temporal' as const,
    table: 'workflows',
    subjectKind: kind.name,
    subjectId: subject.id,
    workflowId: kind.workflowId(subject.id),
    // Nothing is due while the subject is active; an ended one's data waits for no lifecycle at all.
    dueAt: subject.active ? null : (subject.endedAt ?? ctx.now),
  };
  switch (seen.status) {
    case 'none':
      return { ...base, check: 'lifecycle.missing', repair: 'start-lifecycle' };
    case 'closed-early':
      return { ...base, check: 'lifecycle.closed-early', repair: 'start-lifecycle' };
    case 'completed':
      return { ...base, check: 'lifecycle.completed-data-back', repair: 'erase-again' };
    case 'running':
      return !subject.active && seen.phase === 'ACTIVE'
        ? { ...base, check: 'lifecycle.termination-missed', repair: 'start-lifecycle' }
        : null;
  }
}

/** The kind's running lifecycles on the task queue, by workflow ID, with their phase: one visibility scan. */
async function runningLifecycles(registration: KindRegistration, ctx: CheckContext): Promise<Map<string, string | null>> {
  const running = new Map<string, string | null>();
  const query = `TaskQueue = '${ctx.taskQueue}' AND ${LifecycleKind.name} = '${registration.kind.name}' AND ExecutionStatus = 'Running'`;
  for await (const w of ctx.temporal.workflow.list({ query, pageSize: 1000 })) {
    running.set(w.workflowId, w.typedSearchAttributes.get(LifecyclePhase) ?? null);
  }
  return running;
}

async function checkKind(registration: KindRegistration, ctx: CheckContext): Promise<CheckOutcome> {
  const subjects = registration.subjects(ctx.db);
  const running = await runningLifecycles(registration, ctx);
  const findings: FindingCandidate[] = [];
  let examined = 0;
  for (let after: string | null = null; ;) {
    const page = await subjects.pending(after, PAGE);
    if (page.length === 0) break;
    examined += page.length;
    // Suspects: no running lifecycle as visibility sees it, or an ended subject's lifecycle still
    // ACTIVE. Visibility lags a moment behind, so each suspect is confirmed with Temporal itself.
    const suspects = page.filter((s) => {
      const workflowId = registration.kind.workflowId(s.id);
      return !running.has(workflowId) || (!s.active && running.get(workflowId) === 'ACTIVE');
    });
    for (let i = 0; i < suspects.length; i += DESCRIBE_CONCURRENCY) {
      const batch = suspects.slice(i, i + DESCRIBE_CONCURRENCY);
      const seen = await Promise.all(batch.map((s) => inTemporal(ctx, registration.kind.workflowId(s.id))));
      batch.forEach((s, j) => {
        const f = judge(registration, s, seen[j]!, ctx);
        if (f) findings.push(f);
      });
    }
    after = page[page.length - 1]!.id;
  }
  return { findings, examined };
}

export const lifecyclePresence: ConformanceCheck = {
  code: 'lifecycle.presence',
  rules: ALL_KINDS.flatMap((k) => [k.conformance.lifecycleRule.active, k.conformance.lifecycleRule.ended]),
  store: 'temporal',
  description:
    'Every subject still holding personal data has a running lifecycle that knows where it stands: none missing, closed early, completed with the data back, or still ACTIVE after the subject ended.',
  async run(ctx) {
    const outcomes = [];
    for (const registration of ALL_KINDS) outcomes.push(await checkKind(registration, ctx));
    return { findings: outcomes.flatMap((o) => o.findings), examined: outcomes.reduce((n, o) => n + o.examined, 0) };
  },
};
