// Creates or updates the reconciliation's Temporal Schedule; called at every worker start-up, so
// a changed interval or policy takes effect on the next deploy. Overlapping runs are skipped.
// Also the one way to start a run by hand (the console's "Run reconciliation now").
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptionsAction } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { PolicySnapshot } from '../../policy/retention';
import { reconciliationWorkflow } from './workflow';

export const RECONCILIATION_SCHEDULE_ID = 'nitd-reconciliation';
const SCHEDULED_RUN_ID = 'nitd-reconciliation-run';
const MANUAL_RUN_PREFIX = 'nitd-reconciliation-manual';

/** Who started a run, read from its workflow ID (the schedule appends a timestamp to its own). */
export function reconciliationTrigger(workflowId: string): 'schedule' | 'manual' | 'other' {
  if (workflowId.startsWith(MANUAL_RUN_PREFIX)) return 'manual';
  return workflowId.startsWith(SCHEDULED_RUN_ID) ? 'schedule' : 'other';
}

/** The workflow ID of runs started by hand on a task queue. */
export const manualReconciliationId = (taskQueue: string) => `${MANUAL_RUN_PREFIX}-${taskQueue}`;

/**
 * Starts one run now, or returns null when a manual run is still going: the workflow ID is fixed
 * per task queue, so repeated clicks cannot pile up runs (one queue per deployment, and each test
 * file's own queue keeps its runs apart on a shared server).
 */
export async function startReconciliationNow(
  temporal: Client,
  opts: { taskQueue: string; policy: PolicySnapshot },
): Promise<{ workflowId: string; runId: string } | null> {
  const workflowId = manualReconciliationId(opts.taskQueue);
  try {
    const handle = await temporal.workflow.start(reconciliationWorkflow, {
      workflowId,
      taskQueue: opts.taskQueue,
      args: [{ policy: opts.policy }],
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    });
    return { workflowId, runId: handle.firstExecutionRunId };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return null;
    throw err;
  }
}

export async function ensureReconciliationSchedule(
  temporal: Client,
  opts: { taskQueue: string; policy: PolicySnapshot; every?: string },
): Promise<'created' | 'updated'> {
  const every = opts.every ?? '1 day';
  const action: ScheduleOptionsAction = {
    type: 'startWorkflow',
    workflowType: reconciliationWorkflow,
    workflowId: SCHEDULED_RUN_ID,
    taskQueue: opts.taskQueue,
    args: [{ policy: opts.policy }],
  };
  try {
    await temporal.schedule.create({
      scheduleId: RECONCILIATION_SCHEDULE_ID,
      spec: { intervals: [{ every }] },
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
    });
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await temporal.schedule
      .getHandle(RECONCILIATION_SCHEDULE_ID)
      .update((previous) => ({ ...previous, spec: { intervals: [{ every }] }, action }));
    return 'updated';
  }
}
