// The daily conformance scan (started by the Temporal Schedule in ./schedule.ts, or by hand): one
// activity runs every check and records the findings and the ledger's attestation.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { ConformanceActivities, ConformanceScanInput } from './activities';
import type { ConformanceSummary } from './record';

const { runConformanceScan } = proxyActivities<ConformanceActivities>({
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '10 minutes',
  retry: { initialInterval: '30 seconds', maximumInterval: '10 minutes', maximumAttempts: 5 },
});

export type ConformanceWorkflowInput = Omit<ConformanceScanInput, 'workflowId' | 'runId' | 'taskQueue'>;

export async function conformanceScanWorkflow(input: ConformanceWorkflowInput): Promise<ConformanceSummary> {
  const { workflowId, runId, taskQueue } = workflowInfo();
  return runConformanceScan({ ...input, workflowId, runId, taskQueue });
}
