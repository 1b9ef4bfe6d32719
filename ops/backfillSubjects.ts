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
import { ensureLifecycle, type BackdatedOutcome } from '../lifecycles/backdated';
import { createLifecycleClient } from '../lifecycles/client';
import { ALL_KINDS } from '../lifecycles/registry';
import type { PendingSubject } from '../lifecycles/subjects';

export type Outcome = BackdatedOutcome | 'failed';

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

export const BACKFILL_REASON = 'backfill: ended before the lifecycle pipeline ran';

/** Every kind in the registry, users first (see the header). */
export function subjectKinds({ db, temporal, taskQueue, policy }: BackfillDeps): SubjectKind[] {
  return ALL_KINDS.map(({ kind, subjects }) => {
    const table = subjects(db);
    const client = createLifecycleClient(kind, { temporal, taskQueue, policy, timeoutMs: 120_000 });
    return {
      name: kind.name,
      page: (afterId, take) => table.pending(afterId, take),
      count: (afterId) => table.countPending(afterId),
      apply: (subject) => ensureLifecycle(client, kind.updates, subject as PendingSubject, { reason: BACKFILL_REASON }),
    };
  });
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
