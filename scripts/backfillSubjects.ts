// Starts lifecycle workflows for subjects that existed before the pipeline did (or that a missed
// event left without one). Pages through each kind's table by ID, so a re-run, or a run after a
// crash, repeats only idempotent calls: an ACTIVE start uses USE_EXISTING, a termination is an
// update-with-start whose repeat changes nothing, and a completed (purged) lifecycle is never
// started again. Adding a subject kind (customers) is one more entry in `kinds`.
import type { Client } from '@temporalio/client';
import type { Db } from '../db/client';
import type { PolicySnapshot } from '../policy/retention';
import { createUserLifecycleClient, LifecycleClosedError } from '../api/users/lifecycleClient';
import { terminateUpdate } from '../workflows/userLifecycleApi';

export type Outcome = 'started' | 'terminated' | 'completed-before' | 'failed';

export interface BackfillDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  policy: PolicySnapshot;
}

export interface SubjectKind {
  name: string;
  /** Subjects after `afterId` in ID order that should have a lifecycle. */
  page(afterId: string | null, take: number): Promise<Array<{ id: string }>>;
  count(): Promise<number>;
  apply(subject: { id: string }): Promise<Outcome>;
}

export const BACKFILL_REASON = 'backfill: deactivated before the lifecycle pipeline ran';

export function subjectKinds({ db, temporal, taskQueue, policy }: BackfillDeps): SubjectKind[] {
  const users = createUserLifecycleClient({ temporal, taskQueue, policy, timeoutMs: 120_000 });
  const pending = { status: { in: ['active', 'deactivated'] as ('active' | 'deactivated')[] } };
  return [
    {
      name: 'user',
      page: (afterId, take) =>
        db.userAccount.findMany({
          where: { ...pending, ...(afterId ? { id: { gt: afterId } } : {}) },
          orderBy: { id: 'asc' },
          take,
          select: { id: true, customerId: true, status: true, deactivatedAt: true },
        }),
      count: () => db.userAccount.count({ where: pending }),
      async apply(subject) {
        const u = subject as { id: string; customerId: string | null; status: string; deactivatedAt: Date | null };
        try {
          if (u.status === 'active') return (await users.ensureStarted(u.id, u.customerId)) ? 'started' : 'completed-before';
          // Deactivated before the pipeline: the quarantine counts from the deactivation, as if the
          // termination had been reported then (a long-past one purges at once).
          const terminatedAt = (u.deactivatedAt ?? new Date()).toISOString();
          await users.updateWithStart(u.id, u.customerId, terminateUpdate, { terminatedAt, reason: BACKFILL_REASON });
          return 'terminated';
        } catch (err) {
          if (err instanceof LifecycleClosedError) return 'completed-before';
          throw err;
        }
      },
    },
  ];
}

export interface BackfillProgress {
  kind: string;
  done: number;
  total: number;
  lastId: string | null;
}

export interface BackfillResult {
  counts: Record<Outcome, number>;
  failures: Array<{ kind: string; id: string; error: string }>;
  seconds: number;
}

/**
 * Runs every kind with `concurrency` calls in flight. `resumeAfter` (kind → last ID done) skips
 * what a previous run finished; `onProgress` is told after every subject.
 */
export async function runBackfill(
  kinds: SubjectKind[],
  opts: { concurrency: number; pageSize?: number; resumeAfter?: Record<string, string>; onProgress?: (p: BackfillProgress) => void; onTotal?: (total: number) => void },
): Promise<BackfillResult> {
  const started = Date.now();
  const counts: Record<Outcome, number> = { started: 0, terminated: 0, 'completed-before': 0, failed: 0 };
  const failures: BackfillResult['failures'] = [];
  const totals = await Promise.all(kinds.map((k) => k.count()));
  opts.onTotal?.(totals.reduce((a, b) => a + b, 0));
  for (const [i, kind] of kinds.entries()) {
    let afterId = opts.resumeAfter?.[kind.name] ?? null;
    let done = 0;
    for (;;) {
      const page = await kind.page(afterId, opts.pageSize ?? 500);
      if (page.length === 0) break;
      const queue = [...page];
      // A fixed pool of loops: at most `concurrency` calls to Temporal at once.
      await Promise.all(
        Array.from({ length: Math.min(opts.concurrency, queue.length) }, async () => {
          for (let s = queue.shift(); s; s = queue.shift()) {
            const outcome = await kind.apply(s).catch((err: Error) => {
              failures.push({ kind: kind.name, id: s!.id, error: err.message });
              return 'failed' as const;
            });
            counts[outcome]++;
            done++;
            opts.onProgress?.({ kind: kind.name, done, total: totals[i]!, lastId: afterId });
          }
        }),
      );
      // The whole page is done: a resumed run may start after its last ID.
      afterId = page[page.length - 1]!.id;
      opts.onProgress?.({ kind: kind.name, done, total: totals[i]!, lastId: afterId });
    }
  }
  return { counts, failures, seconds: (Date.now() - started) / 1000 };
}
