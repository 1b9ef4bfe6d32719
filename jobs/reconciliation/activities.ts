// Compares every kind's subjects with their lifecycle workflows (the daily reconciliation schedule):
//  - a subject without a lifecycle gets one (lifecycles/backdated.ts, the same path as the
//    backfill): an active one whose start at provisioning failed (Temporal was down) an ACTIVE one;
//  - an ended subject (a deactivated user, an ended customer) whose lifecycle is missing or still
//    ACTIVE missed its termination event: it is terminated as of its end, so retention counts from
//    then;
//  - a running lifecycle whose subject no longer exists is flagged, never touched: a person decides.
// Idempotent: a retry starts nothing twice (update-with-start) and the run's row is keyed by runId.
import { heartbeat } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Db } from '../../db/client';
import type { PolicySnapshot } from '../../policy/retention';
import { ensureLifecycle } from '../../lifecycles/backdated';
import { createLifecycleClient } from '../../lifecycles/client';
import { ALL_KINDS } from '../../lifecycles/registry';
import { LifecyclePhase } from '../../lifecycles/shared/searchAttributes';
import type { PendingSubject } from '../../lifecycles/subjects';

export const RECONCILIATION_REASON = 'reconciliation: lifecycle missing';
const PAGE = 500;
const FLAG_LIMIT = 1000; // keeps the row bounded; the count says if there were more

export interface ReconcileInput {
  taskQueue: string;
  policy: PolicySnapshot;
  workflowId: string;
  runId: string;
}

export interface ReconciliationSummary {
  subjectsChecked: number;
  lifecyclesStarted: number;
  startedWorkflowIds: string[];
  orphanedWorkflowIds: string[];
}

export function createReconciliationActivities(db: Db, temporal: Client) {
  return {
    async reconcileSubjects(input: ReconcileInput): Promise<ReconciliationSummary> {
      const now = new Date();
      const summary: ReconciliationSummary = { subjectsChecked: 0, lifecyclesStarted: 0, startedWorkflowIds: [], orphanedWorkflowIds: [] };
      const flag = (list: string[], workflowId: string) => list.length < FLAG_LIMIT && list.push(workflowId);

      for (const registration of ALL_KINDS) {
        const { kind } = registration;
        const subjects = registration.subjects(db);
        const client = createLifecycleClient(kind, { temporal, taskQueue: input.taskQueue, policy: input.policy, timeoutMs: 120_000 });

        // Subjects whose lifecycle is missing or behind, paged by ID.
        for (let after: string | null = null; ;) {
          const page = await subjects.pending(after, PAGE);
          if (page.length === 0) break;
          for (const subject of page) {
            summary.subjectsChecked++;
            if (!needsLifecycle(subject, await lifecyclePhase(temporal, kind.workflowId(subject.id)))) continue;
            await ensureLifecycle(client, kind.updates, subject, { reason: RECONCILIATION_REASON, now });
            summary.lifecyclesStarted++;
            flag(summary.startedWorkflowIds, kind.workflowId(subject.id));
          }
          after = page[page.length - 1]!.id;
          heartbeat({ kind: kind.name, after });
        }

        // Running lifecycles whose subject vanished. The projection lists every lifecycle from
        // Postgres (no visibility scan); the kind's own table says who still exists.
        for (let after: string | undefined; ;) {
          const page = await db.lifecycleProjection.findMany({
            where: { kind: kind.name, status: 'running', ...(after ? { workflowId: { gt: after } } : {}) },
            orderBy: { workflowId: 'asc' },
            take: PAGE,
            select: { workflowId: true, subjectId: true },
          });
          if (page.length === 0) break;
          const existing = await subjects.existing(page.map((p) => p.subjectId));
          for (const p of page) {
            summary.subjectsChecked++;
            if (!existing.has(p.subjectId)) flag(summary.orphanedWorkflowIds, p.workflowId);
          }
          after = page[page.length - 1]!.workflowId;
          heartbeat({ kind: kind.name, after });
        }
      }

      await db.reconciliationRun.upsert({
        where: { runId: input.runId },
        create: { workflowId: input.workflowId, runId: input.runId, startedAt: now, finishedAt: new Date(), ...summary },
        update: { finishedAt: new Date(), ...summary },
      });
      return summary;
    },
  };
}

export type ReconciliationActivities = ReturnType<typeof createReconciliationActivities>;

type Found = { status: 'none' } | { status: 'running'; phase: string | undefined } | { status: 'closed' };

/** The subject's lifecycle as Temporal knows it: none, running in a phase, or closed (a purged user's counts). */
async function lifecyclePhase(temporal: Client, workflowId: string): Promise<Found> {
  try {
    const d = await temporal.workflow.getHandle(workflowId).describe();
    return d.status.name === 'RUNNING' ? { status: 'running', phase: d.typedSearchAttributes.get(LifecyclePhase) } : { status: 'closed' };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return { status: 'none' };
    throw err;
  }
}

/** No lifecycle at all, or an ended subject whose lifecycle never heard of its end. */
export function needsLifecycle(subject: PendingSubject, found: Found): boolean {
  if (found.status === 'none') return true;
  return found.status === 'running' && !subject.active && found.phase === 'ACTIVE';
}
