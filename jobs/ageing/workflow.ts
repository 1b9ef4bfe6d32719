// The ageing sweep (started daily by the Temporal Schedule in ./schedule.ts, or by hand): for each
// table in AGEING_TABLES, batch after batch (one activity each, set-based SQL), until no row due
// before the horizon is left. The checkpoint, the last (date, id) done per table, lives in the
// workflow's state and goes over continue-as-new with it; a new run needs none, because a row
// leaves the sweep's partial index as it is anonymised. Each table is walked twice: the second pass,
// from the start, takes the rows a service write held locked (and SKIP LOCKED passed) the first time.
import { continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import { ageingCutoffMs } from '../../policy/ageing';
import type { AgeingActivities } from './activities';
import {
  AGEING_BATCH_SIZE,
  AGEING_TABLES,
  type AgeingSweepInput,
  type AgeingSweepState,
  type AgeingSweepSummary,
  type AgeingTableName,
} from './contract';

const { ageBatch } = proxyActivities<AgeingActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 10 },
});

function initialState(input: AgeingSweepInput): AgeingSweepState {
  const startedAt = Date.now();
  const horizon = startedAt + input.lookaheadMs;
  return {
    startedAt: new Date(startedAt).toISOString(),
    horizon: new Date(horizon).toISOString(),
    tables: AGEING_TABLES.map((t) => ({
      table: t.table,
      rule: t.rule,
      cutoff: new Date(ageingCutoffMs(horizon, input.policy)).toISOString(),
      pass: 1,
      after: null,
      batches: 0,
      rows: 0,
      evidenceRecords: 0,
      maxLockedMs: 0,
      done: false,
    })),
  };
}

export async function ageingSweepWorkflow(input: AgeingSweepInput): Promise<AgeingSweepSummary> {
  const { workflowId, firstExecutionRunId } = workflowInfo();
  const batchSize = input.batchSize ?? AGEING_BATCH_SIZE;
  const state = input.state ?? initialState(input);

  for (const t of state.tables) {
    while (!t.done) {
      const batch = t.batches++;
      const r = await ageBatch({
        table: t.table,
        cutoff: t.cutoff,
        horizon: state.horizon,
        after: t.after,
        batchSize,
        policy: input.policy,
        workflowId,
        runId: workflowInfo().runId,
        idempotencyKey: `${workflowId}/${firstExecutionRunId}/${t.table}/${batch}`,
      });
      t.rows += r.rows;
      if (r.evidenceId) t.evidenceRecords++;
      t.maxLockedMs = Math.max(t.maxLockedMs, r.lockedMs);
      if (r.last) t.after = r.last;
      if (r.rows < batchSize) {
        if (t.pass === 1) {
          t.pass = 2;
          t.after = null;
        } else t.done = true;
      }
      if (workflowInfo().continueAsNewSuggested) await continueAsNew<typeof ageingSweepWorkflow>({ ...input, state });
    }
  }

  const rows = Object.fromEntries(state.tables.map((t) => [t.table, t.rows])) as Record<AgeingTableName, number>;
  return {
    startedAt: state.startedAt,
    finishedAt: new Date().toISOString(),
    horizon: state.horizon,
    rows,
    batches: state.tables.reduce((n, t) => n + t.batches, 0),
    evidenceRecords: state.tables.reduce((n, t) => n + t.evidenceRecords, 0),
    maxLockedMs: Math.max(0, ...state.tables.map((t) => t.maxLockedMs)),
    tables: state.tables,
  };
}
