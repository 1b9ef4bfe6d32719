// The dashboard's numbers: counts by kind and phase and what falls due per week come from the
// projection (fast, and there when Temporal is down); failing or stuck workflows need Temporal's
// describe (pending activities with retries, last failure) and are checked on a bounded sample.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Db } from '../db/client';
import { LifecycleKind, LifecyclePhase } from '../lifecycles/shared/searchAttributes';
import type { Dashboard, Problem } from './records';

export const WEEKS = 12;
const WEEK_MS = 7 * 24 * 3600 * 1000;
/** Overdue by this much and still running: the purge or anonymisation is not happening. */
const STUCK_AFTER_MS = 5 * 60_000;
const SAMPLE = 25;

export function createDashboardConsole(db: Db, temporal: Client, timeoutMs = 5_000) {
  async function describeProblems(
    rows: { workflowId: string; kind: string; subjectId: string; phase: string; dueAt: Date | null }[],
  ): Promise<Problem[]> {
    const now = Date.now();
    const found = await Promise.all(
      rows.map(async (r): Promise<Problem[]> => {
        const base = { workflowId: r.workflowId, kind: r.kind, subjectId: r.subjectId, phase: r.phase };
        const d = await temporal.connection
          .withDeadline(now + timeoutMs, () => temporal.workflow.getHandle(r.workflowId).describe())
          .catch((err) => {
            if (err instanceof WorkflowNotFoundError) return null;
            throw err;
          });
        if (!d) return [{ ...base, problem: 'listed as running but unknown to Temporal (run npm run projection:rebuild)' }];
        const failing = (d.raw.pendingActivities ?? [])
          .filter((a) => (a.attempt ?? 1) > 1 || a.lastFailure)
          .map((a) => ({
            ...base,
            problem: 'activity retrying',
            activity: a.activityType?.name ?? undefined,
            attempt: a.attempt ?? undefined,
            lastFailure: a.lastFailure?.message ?? null,
          }));
        if (failing.length) return failing;
        if (d.status.name === 'RUNNING' && r.dueAt && r.dueAt.getTime() < now - STUCK_AFTER_MS) {
          return [{ ...base, problem: `overdue since ${r.dueAt.toISOString()} and still ${r.phase}` }];
        }
        if (d.status.name === 'FAILED' || d.status.name === 'TIMED_OUT')
          return [{ ...base, problem: `workflow ${d.status.name.toLowerCase()}` }];
        return [];
      }),
    );
    return found.flat();
  }

  /** Lifecycles held open because the post-purge re-read still found personal data (a search attribute, so visibility can answer). */
  async function verificationFailures(): Promise<Problem[]> {
    const found: Problem[] = [];
    const query = 'LifecycleVerificationFailed = true AND ExecutionStatus = "Running"';
    await temporal.connection.withDeadline(Date.now() + timeoutMs, async () => {
      for await (const info of temporal.workflow.list({ query, pageSize: SAMPLE })) {
        const kind = info.typedSearchAttributes.get(LifecycleKind) ?? 'user';
        found.push({
          workflowId: info.workflowId,
          kind,
          subjectId: info.workflowId.replace(`${kind}-lifecycle-`, ''),
          phase: info.typedSearchAttributes.get(LifecyclePhase) ?? 'PURGED',
          problem: 'post-purge verification failed: personal data still found, the lifecycle stays open',
        });
        if (found.length >= SAMPLE) break;
      }
    });
    return found;
  }

  return {
    async summary(): Promise<Dashboard> {
      const now = new Date();
      const horizon = new Date(now.getTime() + WEEKS * WEEK_MS);
      const [counts, due, overdue, candidates] = await Promise.all([
        db.lifecycleProjection.groupBy({
          by: ['kind', 'phase', 'status'],
          _count: { _all: true },
          orderBy: [{ kind: 'asc' }, { phase: 'asc' }, { status: 'asc' }],
        }),
        db.$queryRaw<{ kind: string; week: number; count: number }[]>`
          SELECT "kind", floor(extract(epoch FROM ("dueAt" - ${now}::timestamp)) / ${WEEK_MS / 1000})::int AS week, count(*)::int AS count
          FROM "LifecycleProjection"
          WHERE "status" = 'running' AND "dueAt" >= ${now}::timestamp AND "dueAt" < ${horizon}::timestamp
          GROUP BY 1, 2`,
        db.lifecycleProjection.count({ where: { status: 'running', dueAt: { lt: now } } }),
        // Where trouble shows first: the most overdue, and the most recently changed.
        Promise.all([
          db.lifecycleProjection.findMany({
            where: { status: 'running', dueAt: { lt: new Date(now.getTime() - STUCK_AFTER_MS) } },
            orderBy: { dueAt: 'asc' },
            take: SAMPLE,
          }),
          db.lifecycleProjection.findMany({ where: { status: 'running' }, orderBy: { updatedAt: 'desc' }, take: SAMPLE }),
        ]),
      ]);
      const weeks = Array.from({ length: WEEKS }, (_, i) => ({
        week: i,
        start: new Date(now.getTime() + i * WEEK_MS).toISOString(),
        // Users are purged (deleted); customers' CRM data is anonymised.
        deletions: due.find((d) => d.kind === 'user' && d.week === i)?.count ?? 0,
        anonymisations: due.find((d) => d.kind === 'customer' && d.week === i)?.count ?? 0,
      }));
      const sample = [...new Map(candidates.flat().map((r) => [r.workflowId, r])).values()];
      let problems: Problem[] | null = null;
      let temporalStatus: Dashboard['temporalStatus'] = 'ok';
      try {
        const [failing, unverified] = await Promise.all([describeProblems(sample), verificationFailures()]);
        problems = [...unverified, ...failing];
      } catch {
        temporalStatus = 'unavailable';
      }
      return {
        id: 'dashboard' as const,
        generatedAt: now.toISOString(),
        counts: counts.map((c) => ({ kind: c.kind, phase: c.phase, status: c.status, count: c._count._all })),
        weeks,
        overdue,
        problems,
        temporalStatus,
      };
    },
  };
}

export type DashboardConsole = ReturnType<typeof createDashboardConsole>;
