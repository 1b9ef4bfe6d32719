// The jobs' Temporal Schedules (reconciliation, conformance scan): created or updated at every
// worker start-up, so a changed interval or input takes effect on the next deploy; overlapping runs
// are skipped. Also the one way to start a job's run by hand: a fixed workflow ID per task queue,
// so repeated clicks cannot pile up runs (and each test file's own queue keeps its runs apart on a
// shared server).
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptionsAction } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, type Duration, type Workflow } from '@temporalio/common';

export interface JobSchedule<W extends Workflow> {
  scheduleId: string;
  workflow: W;
  /** The scheduled runs' workflow ID (the schedule appends a timestamp). */
  scheduledRunId: string;
  /** Runs started by hand: `<prefix>-<taskQueue>`. */
  manualRunPrefix: string;
}

/** Who started a run, read from its workflow ID. */
export function jobTrigger(job: Pick<JobSchedule<Workflow>, 'scheduledRunId' | 'manualRunPrefix'>, workflowId: string) {
  if (workflowId.startsWith(job.manualRunPrefix)) return 'manual' as const;
  return workflowId.startsWith(job.scheduledRunId) ? ('schedule' as const) : ('other' as const);
}

export const manualRunId = (job: Pick<JobSchedule<Workflow>, 'manualRunPrefix'>, taskQueue: string) =>
  `${job.manualRunPrefix}-${taskQueue}`;

/** Starts one run now, or returns null while a run started by hand is still going. */
export async function startJobNow<W extends Workflow>(
  temporal: Client,
  job: JobSchedule<W>,
  opts: { taskQueue: string; args: Parameters<W> },
): Promise<{ workflowId: string; runId: string } | null> {
  const workflowId = manualRunId(job, opts.taskQueue);
  try {
    // Typed at the caller (args are the workflow's parameters); the client takes them as a list.
    const handle = await temporal.workflow.start<Workflow>(job.workflow, {
      workflowId,
      taskQueue: opts.taskQueue,
      args: opts.args as unknown[],
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    });
    return { workflowId, runId: handle.firstExecutionRunId };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return null;
    throw err;
  }
}

export async function ensureJobSchedule<W extends Workflow>(
  temporal: Client,
  job: JobSchedule<W>,
  opts: { taskQueue: string; args: Parameters<W>; every: Duration },
): Promise<'created' | 'updated'> {
  const action: ScheduleOptionsAction = {
    type: 'startWorkflow',
    workflowType: job.workflow,
    workflowId: job.scheduledRunId,
    taskQueue: opts.taskQueue,
    args: opts.args,
  };
  const spec = { intervals: [{ every: opts.every }] };
  try {
    await temporal.schedule.create({
      scheduleId: job.scheduleId,
      spec,
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
    });
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await temporal.schedule.getHandle(job.scheduleId).update((previous) => ({ ...previous, spec, action }));
    return 'updated';
  }
}
