// Compares every kind's subjects with their lifecycle workflows (the daily reconciliation schedule):
//  - an ended subject (a deactivated user, an ended customer) without a lifecycle missed its
//    termination event: it gets one, terminated as of its end, so retention counts from then
//    (lifecycles/backdated.ts, the same path as the backfill);
//  - a running lifecycle whose subject no longer exists is flagged, never touched: a person decides.
// Idempotent: a retry starts nothing twice (update-with-start) and the run's row is keyed by runId.
import { heartbeat } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Db } from '../../db/client';
import type { PolicySnapshot } from '../../policy/retention';
import { ensureLifecycle } from '../../lifecycles/backdated';
import { createLifecycleClient } from '../../lifecycles/client';
import { ALL_KINDS } from '../../lifecycles/registry';

export const RECONCILIATION_REASON = 'reconciliation: termination event missed';
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

        // Ended subjects without a lifecycle, paged by ID.
        for (let after: string | null = null; ;) {
          const page = await subjects.pending(after, PAGE, { endedOnly: true });
          if (page.length === 0) break;
          for (const subject of page) {
            summary.subjectsChecked++;
            if (await hasLifecycle(temporal, kind.workflowId(subject.id))) continue;
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

/** Whether the workflow ID has ever run (running or closed); a purged user's closed one counts. */
async function hasLifecycle(temporal: Client, workflowId: string): Promise<boolean> {
  try {
    await temporal.workflow.getHandle(workflowId).describe();
    return true;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}
