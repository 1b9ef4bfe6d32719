// The ageing sweep's Temporal Schedule (daily by default, AGEING_SWEEP_EVERY), and a run by hand:
// `npm run sweep:ageing -- --now` and a conformance finding's repair (jobs/schedule.ts).
import type { Client } from '@temporalio/client';
import type { PolicySnapshot } from '../../policy/retention';
import { ensureJobSchedule, jobTrigger, manualRunId, startJobNow, type JobSchedule } from '../schedule';
import type { AgeingSweepInput } from './contract';
import { ageingSweepWorkflow } from './workflow';

export const AGEING_SCHEDULE_ID = 'nitd-ageing';

const job: JobSchedule<typeof ageingSweepWorkflow> = {
  scheduleId: AGEING_SCHEDULE_ID,
  workflow: ageingSweepWorkflow,
  scheduledRunId: 'nitd-ageing-sweep',
  manualRunPrefix: 'nitd-ageing-manual',
};

export const ageingTrigger = (workflowId: string) => jobTrigger(job, workflowId);
export const manualAgeingId = (taskQueue: string) => manualRunId(job, taskQueue);

/** The sweep's input from the configuration: the policy in force, and the interval to the next run. */
export const ageingInput = (policy: PolicySnapshot, everyMs: number): AgeingSweepInput => ({ policy, lookaheadMs: everyMs });

export const startAgeingSweepNow = (temporal: Client, opts: { taskQueue: string; input: AgeingSweepInput }) =>
  startJobNow(temporal, job, { taskQueue: opts.taskQueue, args: [opts.input] });

export const ensureAgeingSchedule = (temporal: Client, opts: { taskQueue: string; policy: PolicySnapshot; everyMs: number }) =>
  ensureJobSchedule(temporal, job, { taskQueue: opts.taskQueue, args: [ageingInput(opts.policy, opts.everyMs)], every: opts.everyMs });
