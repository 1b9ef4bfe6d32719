// Continue-as-new on demand. The lifecycles continue as new when workflowInfo().continueAsNewSuggested,
// which the server sets once a run's history passes limit.historyCount.suggestContinueAsNew:
// thousands of events normally, and never on the time-skipping test server. A Temporal CLI dev server
// of its own with the limit lowered makes a handful of updates enough.
import type { WorkflowHandle } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { getFreePort } from '../../scripts/ports';
import { startTemporalDevServer, type RunningTemporal } from '../../scripts/temporal-dev';

/**
 * Events before the server suggests continuing as new: low enough that a few updates pass it, high
 * enough that a run still gets from a release through its purge and verification (about 25 events).
 */
export const SUGGEST_CONTINUE_AS_NEW_AFTER = 40;

export async function startContinueAsNewDevServer(): Promise<RunningTemporal> {
  return startTemporalDevServer({
    port: await getFreePort(),
    uiPort: null,
    dynamicConfig: { 'limit.historyCount.suggestContinueAsNew': SUGGEST_CONTINUE_AS_NEW_AFTER },
  });
}

export interface ContinuedAsNew<V> {
  fromRunId: string;
  continuedRunId: string;
  /** The old run's answer to the last message it took: its state as it continued. */
  lastAnswer: V;
}

/**
 * Sends `message` (an idempotent update, so what it does to the state does not depend on how many
 * are sent) until the workflow's current run continues as new; at most `maxMessages` of them.
 */
export async function untilContinuedAsNew<V>(
  handle: WorkflowHandle,
  message: () => Promise<V>,
  maxMessages = 30,
): Promise<ContinuedAsNew<V>> {
  const fromRunId = (await handle.describe()).runId;
  for (let sent = 0; sent < maxMessages; sent++) {
    const lastAnswer = await message();
    // The update's answer and the continue-as-new complete in the same workflow task.
    const { runId } = await handle.describe();
    if (runId !== fromRunId) return { fromRunId, continuedRunId: runId, lastAnswer };
  }
  throw new Error(`run ${fromRunId} did not continue as new after ${maxMessages} messages`);
}

/** The runs of a workflow, first to last, following each run's ContinuedAsNew event. */
export async function historiesOfEveryRun(
  getHandle: (runId: string) => WorkflowHandle,
  firstRunId: string,
): Promise<{ runId: string; history: temporal.api.history.v1.IHistory }[]> {
  const runs: { runId: string; history: temporal.api.history.v1.IHistory }[] = [];
  for (let runId: string | null | undefined = firstRunId; runId;) {
    const history = await getHandle(runId).fetchHistory();
    runs.push({ runId, history });
    runId = history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
  }
  return runs;
}
