// The dashboard. Its Postgres part (counts by kind and phase, what falls due per ISO week in
// Europe/Oslo, holds, overdue) answers at once, Temporal or not. Its Temporal part is a separate,
// bounded call: failing or stuck workflows on a sample, and, per week, how many of the list's rows
// Temporal has no running workflow for (they will not happen, so the forecast must not promise them).
import { TZDate } from '@date-fns/tz';
import { addWeeks, getISOWeek, getISOWeekYear, startOfISOWeek } from 'date-fns';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Db } from '../db/client';
import { KIND_NAMES } from '../lifecycles/registry';
import { LifecycleKind, LifecyclePhase } from '../lifecycles/shared/searchAttributes';
import type { Dashboard, DashboardChecks, ForecastWeek, Problem } from './records';

export const WEEKS = 12;
export const ZONE = 'Europe/Oslo';
/** Overdue by this much and still running: the purge or anonymisation is not happening. */
const STUCK_AFTER_MS = 5 * 60_000;
const SAMPLE = 25;

/** The forecast's weeks: this ISO week (from now on: what is past is overdue) and the 11 after it, Monday 00:00 Oslo time. */
export function forecastWeeks(now = new Date()): { weeks: Omit<ForecastWeek, 'due'>[]; bounds: Date[] } {
  const monday = startOfISOWeek(new TZDate(now.getTime(), ZONE));
  const weeks = Array.from({ length: WEEKS }, (_, i) => {
    const start = addWeeks(monday, i);
    return {
      week: getISOWeek(start),
      year: getISOWeekYear(start),
      start: new Date(start.getTime()).toISOString(),
      end: new Date(addWeeks(start, 1).getTime()).toISOString(),
    };
  });
  const bounds = [now, ...weeks.map((w) => new Date(w.end))];
  return { weeks, bounds };
}

type DueRow = { kind: string; bucket: number; count: number };

export function createDashboardConsole(db: Db, temporal: Client, timeoutMs = 2_500) {
  /** Running, not held, due within the weeks: bucket i (1-based) is week i-1. */
  const dueByWeek = (bounds: Date[]) =>
    db.$queryRaw<DueRow[]>`
      SELECT "kind", width_bucket("dueAt", ${bounds}::timestamp[])::int AS bucket, count(*)::int AS count
      FROM "LifecycleProjection"
      WHERE "status" = 'running' AND NOT "onHold" AND "dueAt" >= ${bounds[0]}::timestamp AND "dueAt" < ${bounds.at(-1)}::timestamp
      GROUP BY 1, 2`;

  async function describeProblems(
    rows: { workflowId: string; kind: string; subjectId: string; phase: string; dueAt: Date | null }[],
    deadline: number,
  ): Promise<Problem[]> {
    const now = Date.now();
    const found = await Promise.all(
      rows.map(async (r): Promise<Problem[]> => {
        const base = { workflowId: r.workflowId, kind: r.kind, subjectId: r.subjectId, phase: r.phase };
        const d = await temporal.connection
          .withDeadline(deadline, () => temporal.workflow.getHandle(r.workflowId).describe())
          .catch((err) => {
            if (err instanceof WorkflowNotFoundError) return null;
            throw err;
          });
        if (!d) return [{ ...base, problem: 'missing' }];
        if (d.status.name !== 'RUNNING' && d.status.name !== 'FAILED' && d.status.name !== 'TIMED_OUT')
          return [{ ...base, problem: 'stale' }];
        const failing = (d.raw.pendingActivities ?? [])
          .filter((a) => (a.attempt ?? 1) > 1 || a.lastFailure)
          .map((a) => ({
            ...base,
            problem: 'activity-retrying',
            activity: a.activityType?.name ?? undefined,
            attempt: a.attempt ?? undefined,
            lastFailure: a.lastFailure?.message ?? null,
          }));
        if (failing.length) return failing;
        if (d.status.name === 'RUNNING' && r.dueAt && r.dueAt.getTime() < now - STUCK_AFTER_MS) {
          return [{ ...base, problem: 'overdue', since: r.dueAt.toISOString() }];
        }
        if (d.status.name === 'FAILED' || d.status.name === 'TIMED_OUT') return [{ ...base, problem: 'workflow-failed' }];
        return [];
      }),
    );
    return found.flat();
  }

  /** Lifecycles held open because the post-purge re-read still found personal data (a search attribute, so visibility can answer). */
  async function verificationFailures(deadline: number): Promise<Problem[]> {
    const found: Problem[] = [];
    const query = 'LifecycleVerificationFailed = true AND ExecutionStatus = "Running"';
    await temporal.connection.withDeadline(deadline, async () => {
      for await (const info of temporal.workflow.list({ query, pageSize: SAMPLE })) {
        const kind = info.typedSearchAttributes.get(LifecycleKind) ?? 'user';
        found.push({
          workflowId: info.workflowId,
          kind,
          subjectId: info.workflowId.replace(`${kind}-lifecycle-`, ''),
          phase: info.typedSearchAttributes.get(LifecyclePhase) ?? 'PURGED',
          problem: 'verification-failed',
        });
        if (found.length >= SAMPLE) break;
      }
    });
    return found;
  }

  /** Per week and kind: rows the list counts that Temporal has no running workflow due then for. */
  async function notScheduled(bounds: Date[], deadline: number): Promise<Record<string, number>[]> {
    const listed = await dueByWeek(bounds);
    const cells = bounds.slice(0, -1).flatMap((from, i) => KIND_NAMES.map((kind) => ({ i, kind, from, to: bounds[i + 1]! })));
    const scheduled = await temporal.connection.withDeadline(deadline, () =>
      Promise.all(
        cells.map(async ({ kind, from, to }) => {
          const query = `ExecutionStatus = "Running" AND LifecycleKind = "${kind}" AND LifecycleDueAt >= "${from.toISOString()}" AND LifecycleDueAt < "${to.toISOString()}"`;
          return (await temporal.workflow.count(query)).count;
        }),
      ),
    );
    const out: Record<string, number>[] = Array.from({ length: WEEKS }, () => ({}));
    cells.forEach(({ i, kind }, n) => {
      const inList = listed.find((d) => d.kind === kind && d.bucket === i + 1)?.count ?? 0;
      out[i]![kind] = Math.max(0, inList - scheduled[n]!);
    });
    return out;
  }

  return {
    async summary(): Promise<Dashboard> {
      const now = new Date();
      const { weeks, bounds } = forecastWeeks(now);
      const [counts, due, overdue, held] = await Promise.all([
        db.lifecycleProjection.groupBy({
          by: ['kind', 'phase', 'status'],
          _count: { _all: true },
          orderBy: [{ kind: 'asc' }, { phase: 'asc' }, { status: 'asc' }],
        }),
        dueByWeek(bounds),
        db.lifecycleProjection.count({ where: { status: 'running', onHold: false, dueAt: { lt: now } } }),
        db.lifecycleProjection.groupBy({ by: ['kind'], where: { status: 'running', onHold: true }, _count: { _all: true } }),
      ]);
      return {
        id: 'dashboard' as const,
        generatedAt: now.toISOString(),
        counts: counts.map((c) => ({ kind: c.kind, phase: c.phase, status: c.status, count: c._count._all })),
        weeks: weeks.map((w, i) => ({
          ...w,
          due: Object.fromEntries(due.filter((d) => d.bucket === i + 1).map((d) => [d.kind, d.count])),
        })),
        overdue,
        held: held.map((h) => ({ kind: h.kind, count: h._count._all })),
      };
    },

    async checks(): Promise<DashboardChecks> {
      const now = new Date();
      const deadline = now.getTime() + timeoutMs;
      // Where trouble shows first: the most overdue, and the most recently changed.
      const candidates = await Promise.all([
        db.lifecycleProjection.findMany({
          where: { status: 'running', dueAt: { lt: new Date(now.getTime() - STUCK_AFTER_MS) } },
          orderBy: { dueAt: 'asc' },
          take: SAMPLE,
        }),
        db.lifecycleProjection.findMany({ where: { status: 'running' }, orderBy: { updatedAt: 'desc' }, take: SAMPLE }),
      ]);
      const sample = [...new Map(candidates.flat().map((r) => [r.workflowId, r])).values()];
      try {
        const [failing, unverified, missing] = await Promise.all([
          describeProblems(sample, deadline),
          verificationFailures(deadline),
          notScheduled(forecastWeeks(now).bounds, deadline),
        ]);
        return {
          id: 'dashboard-checks',
          checkedAt: now.toISOString(),
          temporalStatus: 'ok',
          problems: [...unverified, ...failing],
          notScheduled: missing,
        };
      } catch {
        return { id: 'dashboard-checks', checkedAt: now.toISOString(), temporalStatus: 'unavailable', problems: null, notScheduled: null };
      }
    },
  };
}

export type DashboardConsole = ReturnType<typeof createDashboardConsole>;
