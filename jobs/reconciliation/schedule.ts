// The reconciliation's Temporal Schedule (daily), and "run now" from the console (jobs/schedule.ts).
import type { Client } from '@temporalio/client';
import type { PolicySnapshot } from '../../policy/retention';
import { ensureJobSchedule, jobTrigger, manualRunId, startJobNow, type JobSchedule } from '../schedule';
import { reconciliationWorkflow } from './workflow';

export const RECONCILIATION_SCHEDULE_ID = 'nitd-reconciliation';

const job: JobSchedule<typeof reconciliationWorkflow> = {
  scheduleId: RECONCILIATION_SCHEDULE_ID,
  workflow: reconciliationWorkflow,
  scheduledRunId: 'nitd-reconciliation-run',
  manualRunPrefix: 'nitd-reconciliation-manual',
};

/** Who started a run, read from its workflow ID (the schedule appends a timestamp to its own). */
export const reconciliationTrigger = (workflowId: string) => jobTrigger(job, workflowId);

/** The workflow ID of runs started by hand on a task queue. */
export const manualReconciliationId = (taskQueue: string) => manualRunId(job, taskQueue);

/** Starts one run now, or returns null when a manual run is still going. */
export const startReconciliationNow = (temporal: Client, opts: { taskQueue: string; policy: PolicySnapshot }) =>
  startJobNow(temporal, job, { taskQueue: opts.taskQueue, args: [{ policy: opts.policy }] });

export const ensureReconciliationSchedule = (temporal: Client, opts: { taskQueue: string; policy: PolicySnapshot; every?: string }) =>
  ensureJobSchedule(temporal, job, { taskQueue: opts.taskQueue, args: [{ policy: opts.policy }], every: opts.every ?? '1 day' });
