// The daily reconciliation (started by the Temporal Schedule in jobs/reconciliation/schedule.ts):
// one activity pages through subjects and lifecycles, heartbeating, and records the run.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { ReconciliationActivities } from './activities';
import type { PolicySnapshot } from '../../policy/retention';

const { reconcileSubjects } = proxyActivities<ReconciliationActivities>({
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '5 minutes',
  retry: { initialInterval: '30 seconds', maximumInterval: '10 minutes', maximumAttempts: 5 },
});

export interface ReconciliationInput {
  policy: PolicySnapshot;
}

export async function reconciliationWorkflow({ policy }: ReconciliationInput) {
  const info = workflowInfo();
  return reconcileSubjects({ taskQueue: info.taskQueue, policy, workflowId: info.workflowId, runId: info.runId });
}
