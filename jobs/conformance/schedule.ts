// The conformance scan's Temporal Schedule (daily by default, CONFORMANCE_SCAN_EVERY), and a run by
// hand: the console's "Scan now" and `npm run conformance -- --now` (jobs/schedule.ts).
import type { Client } from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import { ON_TIME_TOLERANCE_MS } from '../../policy/deadlines';
import type { PolicySnapshot } from '../../policy/retention';
import { ensureJobSchedule, jobTrigger, manualRunId, startJobNow, type JobSchedule } from '../schedule';
import { conformanceScanWorkflow, type ConformanceWorkflowInput } from './workflow';

export const CONFORMANCE_SCHEDULE_ID = 'nitd-conformance';

const job: JobSchedule<typeof conformanceScanWorkflow> = {
  scheduleId: CONFORMANCE_SCHEDULE_ID,
  workflow: conformanceScanWorkflow,
  scheduledRunId: 'nitd-conformance-scan',
  manualRunPrefix: 'nitd-conformance-manual',
};

export const conformanceTrigger = (workflowId: string) => jobTrigger(job, workflowId);
export const manualConformanceId = (taskQueue: string) => manualRunId(job, taskQueue);

export const startConformanceScanNow = (temporal: Client, opts: { taskQueue: string; input: ConformanceWorkflowInput }) =>
  startJobNow(temporal, job, { taskQueue: opts.taskQueue, args: [opts.input] });

export const ensureConformanceSchedule = (
  temporal: Client,
  opts: { taskQueue: string; input: ConformanceWorkflowInput; every: Duration },
) => ensureJobSchedule(temporal, job, { taskQueue: opts.taskQueue, args: [opts.input], every: opts.every });

/** The scan's input from the configuration: the policy in force and TEMPORAL_RETENTION. */
export const conformanceInput = (policy: PolicySnapshot, temporalRetentionMs: number): ConformanceWorkflowInput => ({
  policy,
  toleranceMs: ON_TIME_TOLERANCE_MS,
  temporalRetentionMs,
});
