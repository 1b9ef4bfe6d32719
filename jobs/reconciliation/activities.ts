// Compares subjects with their lifecycle workflows (the daily reconciliation schedule):
//  - a terminated (deactivated) user without a lifecycle missed its termination event: it gets one,
//    terminated as of its deactivation, so the quarantine counts from then (backdated);
//  - a running lifecycle whose user no longer exists is flagged, never touched: a person decides.
// Idempotent: a retry starts nothing twice (update-with-start) and the run's row is keyed by runId.
import { heartbeat } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Db } from '../../db/client';
import type { PolicySnapshot } from '../../policy/retention';
import { createUserLifecycleClient } from '../../api/users/lifecycleClient';
import { terminateUpdate, userWorkflowId } from '../../lifecycles/user/contract';

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
      const startedAt = new Date();
      const users = createUserLifecycleClient({ temporal, taskQueue: input.taskQueue, policy: input.policy, timeoutMs: 120_000 });
      const summary: ReconciliationSummary = { subjectsChecked: 0, lifecyclesStarted: 0, startedWorkflowIds: [], orphanedWorkflowIds: [] };

      // Terminated users without a lifecycle, paged by ID.
      for (let after: string | undefined; ; ) {
        const page = await db.userAccount.findMany({
          where: { status: 'deactivated', ...(after ? { id: { gt: after } } : {}) },
          orderBy: { id: 'asc' },
          take: PAGE,
          select: { id: true, customerId: true, deactivatedAt: true },
        });
        if (page.length === 0) break;
        for (const u of page) {
          summary.subjectsChecked++;
          if (await hasLifecycle(temporal, userWorkflowId(u.id))) continue;
          const terminatedAt = (u.deactivatedAt ?? startedAt).toISOString();
          await users.updateWithStart(u.id, u.customerId, terminateUpdate, { terminatedAt, reason: RECONCILIATION_REASON });
          summary.lifecyclesStarted++;
          if (summary.startedWorkflowIds.length < FLAG_LIMIT) summary.startedWorkflowIds.push(userWorkflowId(u.id));
        }
        after = page[page.length - 1]!.id;
        heartbeat({ after });
      }

      // Running user lifecycles whose account vanished. The projection lists every lifecycle from
      // Postgres (no visibility scan); the account table says who still exists.
      for (let after: string | undefined; ; ) {
        const page = await db.lifecycleProjection.findMany({
          where: { kind: 'user', status: 'running', ...(after ? { workflowId: { gt: after } } : {}) },
          orderBy: { workflowId: 'asc' },
          take: PAGE,
          select: { workflowId: true, subjectId: true },
        });
        if (page.length === 0) break;
        const existing = new Set((await db.userAccount.findMany({ where: { id: { in: page.map((p) => p.subjectId) } }, select: { id: true } })).map((u) => u.id));
        for (const p of page) {
          summary.subjectsChecked++;
          if (!existing.has(p.subjectId) && summary.orphanedWorkflowIds.length < FLAG_LIMIT) summary.orphanedWorkflowIds.push(p.workflowId);
        }
        after = page[page.length - 1]!.workflowId;
        heartbeat({ after });
      }

      await db.reconciliationRun.upsert({
        where: { runId: input.runId },
        create: { workflowId: input.workflowId, runId: input.runId, startedAt, finishedAt: new Date(), ...summary },
        update: { finishedAt: new Date(), ...summary },
      });
      return summary;
    },
  };
}

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
