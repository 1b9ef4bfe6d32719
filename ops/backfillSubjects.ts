// Starts lifecycle workflows for subjects that existed before the pipeline did (or that a missed
// event left without one): users, then customers, each through the same lifecycle client the API
// uses. Pages through each kind's table by ID, so a re-run, or a run after a crash, repeats only
// idempotent calls: an ACTIVE start uses USE_EXISTING, a termination is an update-with-start whose
// repeat changes nothing, and a completed lifecycle (purged user, closed customer) is never started
// again. Users go first so each keeps its own deactivation time; an ended customer's cascade then
// keeps the earlier of the two (docs/customers.md).
import type { Client } from '@temporalio/client';
import type { Db } from '../db/client';
import type { PolicySnapshot } from '../policy/retention';
import { createCustomerLifecycleClient } from '../api/customers/lifecycleClient';
import { createUserLifecycleClient, LifecycleClosedError } from '../api/users/lifecycleClient';
import { terminateCustomerUpdate } from '../lifecycles/customer/contract';
import { terminateUpdate } from '../lifecycles/user/contract';

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
  /** How many such subjects are after `afterId` (all when null): a resumed run's bar ends at 100 %. */
  count(afterId: string | null): Promise<number>;
  apply(subject: { id: string }): Promise<Outcome>;
}

export const BACKFILL_REASON = 'backfill: deactivated before the lifecycle pipeline ran';
export const CUSTOMER_BACKFILL_REASON = 'backfill: relationship ended before the lifecycle pipeline ran';

const after = (afterId: string | null) => (afterId ? { id: { gt: afterId } } : {});

/**
 * A subject still running: ACTIVE gets a plain start; ended before the pipeline, it is terminated
 * as of that time, as if the event had been reported then (a long-past one acts at once).
 */
async function lifecycleFor(active: boolean, start: () => Promise<boolean>, terminate: () => Promise<unknown>): Promise<Outcome> {
  try {
    if (active) return (await start()) ? 'started' : 'completed-before';
    await terminate();
    return 'terminated';
  } catch (err) {
    if (err instanceof LifecycleClosedError) return 'completed-before';
    throw err;
  }
}

export function subjectKinds({ db, temporal, taskQueue, policy }: BackfillDeps): SubjectKind[] {
  const deps = { temporal, taskQueue, policy, timeoutMs: 120_000 };
  const users = createUserLifecycleClient(deps);
  const customers = createCustomerLifecycleClient(deps);
  const pendingUsers = { status: { in: ['active', 'deactivated'] as ('active' | 'deactivated')[] } };
  // Anonymised (CRM done, ERP not yet) and closed customers are left alone: see docs/reliability.md.
  const pendingCustomers = { status: { in: ['active', 'ended'] as ('active' | 'ended')[] } };
  return [
    {
      name: 'user',
      page: (afterId, take) =>
        db.userAccount.findMany({
          where: { ...pendingUsers, ...after(afterId) },
          orderBy: { id: 'asc' },
          take,
          select: { id: true, customerId: true, status: true, deactivatedAt: true },
        }),
      count: (afterId) => db.userAccount.count({ where: { ...pendingUsers, ...after(afterId) } }),
      apply(subject) {
        const u = subject as { id: string; customerId: string | null; status: string; deactivatedAt: Date | null };
        const terminatedAt = (u.deactivatedAt ?? new Date()).toISOString();
        return lifecycleFor(
          u.status === 'active',
          () => users.ensureStarted(u.id, u.customerId),
          () => users.updateWithStart(u.id, u.customerId, terminateUpdate, { terminatedAt, reason: BACKFILL_REASON }),
        );
      },
    },
    {
      name: 'customer',
      page: (afterId, take) =>
        db.customer.findMany({
          where: { ...pendingCustomers, ...after(afterId) },
          orderBy: { id: 'asc' },
          take,
          select: { id: true, status: true, endedAt: true },
        }),
      count: (afterId) => db.customer.count({ where: { ...pendingCustomers, ...after(afterId) } }),
      apply(subject) {
        const c = subject as { id: string; status: string; endedAt: Date | null };
        const terminatedAt = (c.endedAt ?? new Date()).toISOString();
        return lifecycleFor(
          c.status === 'active',
          () => customers.ensureStarted(c.id),
          () => customers.updateWithStart(c.id, terminateCustomerUpdate, { terminatedAt, reason: CUSTOMER_BACKFILL_REASON }),
        );
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
  byKind: Record<string, Record<Outcome, number>>;
  failures: Array<{ kind: string; id: string; error: string }>;
  seconds: number;
}

/**
 * Runs every kind with `concurrency` calls in flight. `resumeAfter` (kind → last ID done) skips
 * what a previous run finished; `onProgress` is told after every subject, and its `lastId` is the
 * checkpoint: the last page of the kind done without a failure, so a rerun retries the failures.
 */
export async function runBackfill(
  kinds: SubjectKind[],
  opts: {
    concurrency: number;
    pageSize?: number;
    resumeAfter?: Record<string, string>;
    onProgress?: (p: BackfillProgress) => void;
    /** What is left to do, in all and per kind (after `resumeAfter`). */
    onTotal?: (total: number, byKind: Record<string, number>) => void;
  },
): Promise<BackfillResult> {
  const started = Date.now();
  const zero = (): Record<Outcome, number> => ({ started: 0, terminated: 0, 'completed-before': 0, failed: 0 });
  const counts = zero();
  const byKind: BackfillResult['byKind'] = {};
  const failures: BackfillResult['failures'] = [];
  const totals = await Promise.all(kinds.map((k) => k.count(opts.resumeAfter?.[k.name] ?? null)));
  opts.onTotal?.(
    totals.reduce((a, b) => a + b, 0),
    Object.fromEntries(kinds.map((k, i) => [k.name, totals[i]!])),
  );
  for (const [i, kind] of kinds.entries()) {
    let afterId = opts.resumeAfter?.[kind.name] ?? null;
    let checkpoint = afterId;
    let done = 0;
    const kindCounts = (byKind[kind.name] = zero());
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
            kindCounts[outcome]++;
            done++;
            opts.onProgress?.({ kind: kind.name, done, total: totals[i]!, lastId: checkpoint });
          }
        }),
      );
      // The whole page is done: a resumed run may start after its last ID, unless a subject of this
      // kind has failed so far (the checkpoint then stays before it).
      afterId = page[page.length - 1]!.id;
      if (kindCounts.failed === 0) checkpoint = afterId;
      opts.onProgress?.({ kind: kind.name, done, total: totals[i]!, lastId: checkpoint });
    }
  }
  return { counts, byKind, failures, seconds: (Date.now() - started) / 1000 };
}
