// The ageing sweep's workflow (jobs/ageing/workflow.ts) with its batch activity stubbed over an
// in-memory table, on a dev server of this file's own that suggests continue-as-new after a few
// dozen events (tests/support/continueAsNew.ts). The checkpoint must survive continue-as-new: each
// batch starts after the last one's last row, batch numbers (and so idempotency keys) go on across
// runs under the first run's ID, and every row is aged once. Rows a service held during the walk
// (SKIP LOCKED passed them) are taken by the second pass.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { AgeBatchInput, AgeBatchResult, AgeingKey, AgeingSweepSummary } from '../../jobs/ageing/contract';
import { ageingInput } from '../../jobs/ageing/schedule';
import { ageingSweepWorkflow } from '../../jobs/ageing/workflow';
import { policyFromEnv } from '../../policy/fromEnv';
import type { RunningTemporal } from '../../scripts/temporal-dev';
import { quietRuntime } from '../../testkit/runtime';
import { historiesOfEveryRun, startContinueAsNewDevServer } from '../support/continueAsNew';
import { createStubbedWorker, recordedActivities } from '../support/stubbedWorker';
import { uniqueId } from '../support/subjects';
import { testDataConverter } from '../support/temporal';

let server: RunningTemporal | undefined;
let connection: Connection | undefined;
let nativeConnection: NativeConnection | undefined;
let client: Client;

beforeAll(async () => {
  quietRuntime();
  server = await startContinueAsNewDevServer();
  connection = await Connection.connect({ address: server.address });
  nativeConnection = await NativeConnection.connect({ address: server.address });
  client = new Client({ connection, dataConverter: testDataConverter() });
});

afterAll(async () => {
  await nativeConnection?.close();
  await connection?.close();
  await server?.stop();
});

const after = (a: AgeingKey, b: AgeingKey | null) => !b || a.at > b.at || (a.at === b.at && a.id > b.id);

/**
 * One table of overdue rows in (date, id) order, aged as ageBatch ages them. `locked` rows are held
 * by a service for the first `lockedFor` batches: the batch passes over them.
 */
function fakeTable(rows: number, locked: Set<string>, lockedFor: number) {
  const keys: AgeingKey[] = Array.from({ length: rows }, (_, i) => ({
    at: new Date(Date.UTC(2020, 0, 1 + Math.floor(i / 3))).toISOString(),
    id: `row-${String(i).padStart(3, '0')}`,
  }));
  const aged = new Map<string, number>();
  /** Each batch's last row, by batch number. */
  const lasts: (AgeingKey | null)[] = [];
  let batches = 0;
  const ageBatch = async (input: AgeBatchInput): Promise<AgeBatchResult> => {
    if (input.table !== 'CrmActivity') return { rows: 0, last: null, evidenceId: null, alreadyDone: false, lockedMs: 0 };
    const n = batches++;
    const batch = keys
      .filter((k) => !aged.has(k.id) && after(k, input.after) && !(n < lockedFor && locked.has(k.id)))
      .slice(0, input.batchSize);
    for (const k of batch) aged.set(k.id, (aged.get(k.id) ?? 0) + 1);
    lasts[n] = batch.at(-1) ?? null;
    return { rows: batch.length, last: batch.at(-1) ?? null, evidenceId: batch.length ? `ev-${n}` : null, alreadyDone: false, lockedMs: 3 };
  };
  return { aged, lasts, ageBatch };
}

describe('the ageing sweep workflow', () => {
  it('carries its checkpoint over continue-as-new and takes rows a service held in its second pass', async () => {
    // Two rows held through the whole first pass (14 full batches and an empty one).
    const table = fakeTable(30, new Set(['row-004', 'row-017']), 15);
    const recorded = recordedActivities({ ageBatch: table.ageBatch });
    const taskQueue = uniqueId('ageing-wf');
    const worker = await createStubbedWorker(nativeConnection!, recorded.activities, { taskQueue });
    const workflowId = uniqueId('ageing');
    const { summary, firstRunId } = await worker.runUntil(async () => {
      const handle = await client.workflow.start(ageingSweepWorkflow, {
        taskQueue,
        workflowId,
        args: [{ ...ageingInput(policyFromEnv({}), 86_400_000), batchSize: 2 }],
      });
      return { summary: (await handle.result()) as AgeingSweepSummary, firstRunId: handle.firstExecutionRunId };
    });

    // Every row once, the held ones included.
    expect([...table.aged.values()].every((n) => n === 1)).toBe(true);
    expect(table.aged.size).toBe(30);
    expect(summary.rows).toEqual({ CrmActivity: 30, ContactPerson: 0, ErpInvoice: 0 });
    expect(summary.evidenceRecords).toBe(15); // 14 full batches in the walk, then one of the 2 held rows

    // Continue-as-new happened, and the runs carried on one batch numbering under the first run's ID.
    const runs = await historiesOfEveryRun((runId) => client.workflow.getHandle(workflowId, runId), firstRunId);
    expect(runs.length).toBeGreaterThan(1);
    const crm = recorded.calls('ageBatch').filter((c) => c.input.table === 'CrmActivity');
    expect(crm.map((c) => c.input.idempotencyKey)).toEqual(crm.map((_, i) => `${workflowId}/${firstRunId}/CrmActivity/${i}`));

    // Each batch of a pass starts after the previous batch's last row; the second pass from the start.
    const passTwo = crm.findIndex((c, i) => i > 0 && c.input.after === null);
    expect(passTwo).toBe(15);
    expect(crm).toHaveLength(17);
    for (let i = 1; i < crm.length; i++)
      if (i !== passTwo) expect(crm[i]!.input.after, `batch ${i}`).toEqual(table.lasts[i - 1] ?? crm[i - 1]!.input.after);
    // The cutoff and horizon stay those of the first run.
    expect(new Set(crm.map((c) => c.input.cutoff)).size).toBe(1);
    expect(new Set(crm.map((c) => c.input.horizon)).size).toBe(1);
  });
});
