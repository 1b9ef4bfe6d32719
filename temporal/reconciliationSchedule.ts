// Creates or updates the reconciliation's Temporal Schedule; called at every worker start-up, so
// a changed interval or policy takes effect on the next deploy. Overlapping runs are skipped.
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptionsAction } from '@temporalio/client';
import type { PolicySnapshot } from '../policy/retention';
import { reconciliationWorkflow } from '../workflows/reconciliation';

export const RECONCILIATION_SCHEDULE_ID = 'nitd-reconciliation';

export async function ensureReconciliationSchedule(temporal: Client, opts: { taskQueue: string; policy: PolicySnapshot; every?: string }): Promise<'created' | 'updated'> {
  const every = opts.every ?? '1 day';
  const action: ScheduleOptionsAction = {
    type: 'startWorkflow',
    workflowType: reconciliationWorkflow,
    workflowId: 'nitd-reconciliation-run',
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
    await temporal.schedule.getHandle(RECONCILIATION_SCHEDULE_ID).update((previous) => ({ ...previous, spec: { intervals: [{ every }] }, action }));
    return 'updated';
  }
}
