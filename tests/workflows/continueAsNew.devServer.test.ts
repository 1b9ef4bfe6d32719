// Continue-as-new of both lifecycles, on a dev server of this file's own that suggests it after a
// few dozen events (tests/support/continueAsNew.ts), with stubbed activities. Holds keep the
// lifecycle's clock still while updates grow its history; the run that follows must carry the state
// over intact (phase, termination, time held, the hold itself) and still act on time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import { temporal } from '@temporalio/proto';
import { NativeConnection } from '@temporalio/worker';
import type { RunningTemporal } from '../../scripts/temporal-dev';
import { createLifecycleClient } from '../../lifecycles/client';
import {
  customerHoldUpdate,
  customerReleaseUpdate,
  customerStateQuery,
  customerWorkflowId,
  terminateCustomerUpdate,
  type CustomerLifecycleInput,
} from '../../lifecycles/customer/contract';
import { customerKind } from '../../lifecycles/customer/kind';
import {
  holdUpdate,
  releaseUpdate,
  stateQuery,
  terminateUpdate,
  userWorkflowId,
  type UserLifecycleInput,
} from '../../lifecycles/user/contract';
import { userKind } from '../../lifecycles/user/kind';
import { policyFromEnv } from '../../policy/fromEnv';
import { startContinueAsNewDevServer, untilContinuedAsNew } from '../support/continueAsNew';
import { createStubbedWorker, recordedActivities, type RecordedActivities } from '../support/stubbedWorker';
import { uniqueId } from '../support/subjects';
import { quietRuntime } from '../../testkit/runtime';
import { testDataConverter } from '../support/temporal';

const QUARANTINE_MS = 8_000;
const CRM_MS = 6_000;
const iso = (ms: number) => new Date(ms).toISOString();
const CONTINUED_AS_NEW = temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW;

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

/** Runs `fn` while a worker over stubbed activities polls a task queue of its own. */
async function withWorker<T>(fn: (run: RecordedActivities & { taskQueue: string }) => Promise<T>): Promise<T> {
  const taskQueue = uniqueId('continued');
  const recorded = recordedActivities();
  const worker = await createStubbedWorker(nativeConnection!, recorded.activities, { taskQueue });
  return worker.runUntil(() => fn({ ...recorded, taskQueue }));
}

/** What the continued run was started with, and which run it continues. */
async function continuedRun<I>(workflowId: string, runId: string): Promise<{ input: I; continuedFrom: string | null | undefined }> {
  const started = (await client.workflow.getHandle(workflowId, runId).fetchHistory()).events?.[0]?.workflowExecutionStartedEventAttributes;
  const input = await decodeFromPayloadsAtIndex<I>(client.workflow.options.loadedDataConverter, 0, started?.input?.payloads);
  return { input, continuedFrom: started?.continuedExecutionRunId };
}

/** Polls `check` until it holds (bounded), for state only a query shows. */
async function until(check: () => Promise<boolean>, withinMs = 30_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function lastEventType(workflowId: string, runId: string) {
  return (await client.workflow.getHandle(workflowId, runId).fetchHistory()).events?.at(-1)?.eventType;
}

describe('continue-as-new', () => {
  it('carries a quarantined, held user over to the next run, which still purges on time', async () => {
    await withWorker(async ({ taskQueue, calls }) => {
      const userId = uniqueId('user');
      const workflowId = userWorkflowId(userId);
      const users = createLifecycleClient(userKind, {
        temporal: client,
        taskQueue,
        policy: policyFromEnv({ RETENTION_USER_QUARANTINE: 'PT8S' }),
      });
      const handle = client.workflow.getHandle(workflowId);

      // Held from before the termination, so the 8 seconds only run between a release and the next
      // hold, however long the worker's first task takes.
      await users.updateWithStart(userId, 'c1', holdUpdate, { reason: 'revisjon' });
      const t0 = Date.now();
      const terminatedAt = iso(t0);
      await users.update(userId, terminateUpdate, { terminatedAt });
      const released = await users.update(userId, releaseUpdate, { reason: 'revisjon ferdig' });
      const heldMs = Date.parse(released.purgeDueAt!) - (t0 + QUARANTINE_MS);
      expect(heldMs).toBeGreaterThan(0);
      const held = await users.update(userId, holdUpdate, { reason: 'tvist' });
      // Repeating the hold changes nothing but the history's length.
      const continued = await untilContinuedAsNew(handle, () => users.update(userId, holdUpdate, { reason: 'tvist' }));

      expect(await lastEventType(workflowId, continued.fromRunId)).toBe(CONTINUED_AS_NEW);
      const { input, continuedFrom } = await continuedRun<UserLifecycleInput>(workflowId, continued.continuedRunId);
      expect(continuedFrom).toBe(continued.fromRunId);
      expect(input.state).toMatchObject({
        phase: 'QUARANTINED',
        terminatedAt,
        heldMs,
        hold: held.hold,
        purging: false,
        terminatedBy: [{ kind: 'individual' }],
      });
      // While held the view does not depend on the time: the new run answers exactly as the old one last did.
      expect(await handle.query(stateQuery)).toEqual(continued.lastAnswer);

      const resumed = await users.update(userId, releaseUpdate, { reason: 'tvist avsluttet' });
      const due = Date.parse(resumed.purgeDueAt!);
      expect(due).toBeGreaterThan(t0 + QUARANTINE_MS + heldMs); // the second hold's time is added
      expect(await handle.result()).toMatchObject({ phase: 'PURGED', purgeRule: 'user.quarantine-purge' });
      const [purge, ...more] = calls('purgeUser');
      expect(more).toEqual([]);
      expect(purge?.input).toMatchObject({
        triggeredAt: terminatedAt,
        dueAt: resumed.purgeDueAt,
        idempotencyKey: `${workflowId}/${continued.fromRunId}/purge`,
      });
      expect(purge?.input.runId).not.toBe(continued.fromRunId);
      expect(purge?.scheduledAt.getTime()).toBeGreaterThanOrEqual(due);
    });
  });

  it('carries an ended, held customer over to the next run, which still anonymises CRM on time', async () => {
    await withWorker(async ({ taskQueue, calls, called }) => {
      const customerId = uniqueId('cust');
      const workflowId = customerWorkflowId(customerId);
      const customers = createLifecycleClient(customerKind, {
        temporal: client,
        taskQueue,
        policy: policyFromEnv({ RETENTION_CRM_ANONYMISE: 'PT6S' }),
      });
      const handle = client.workflow.getHandle(workflowId);

      // Held from the start, so CRM cannot fall due before the test releases the hold.
      const held = await customers.updateWithStart(customerId, customerId, customerHoldUpdate, { reason: 'tvist' });
      const t0 = Date.now();
      await customers.update(customerId, terminateCustomerUpdate, { terminatedAt: iso(t0), reason: 'kontrakt avsluttet' });
      await called('cascadePage');
      // The loop applies the cascade page after the activity returns: wait for it, so the last
      // hold's answer is the whole state the run carries over.
      await until(async () => (await handle.query(customerStateQuery)).cascade?.done === true);
      const continued = await untilContinuedAsNew(handle, () => customers.update(customerId, customerHoldUpdate, { reason: 'tvist' }));

      expect(await lastEventType(workflowId, continued.fromRunId)).toBe(CONTINUED_AS_NEW);
      const { input, continuedFrom } = await continuedRun<CustomerLifecycleInput>(workflowId, continued.continuedRunId);
      expect(continuedFrom).toBe(continued.fromRunId);
      expect(input.state).toMatchObject({
        phase: 'ENDED',
        endedAt: iso(t0),
        hold: held.hold,
        cascade: { action: 'terminate', done: true },
      });
      expect(input.state?.events.map((e) => e.kind)).toEqual(['hold-placed', 'terminated', 'cascade-finished']);
      expect(await handle.query(customerStateQuery)).toEqual(continued.lastAnswer);
      expect(calls('anonymiseCrm')).toEqual([]);

      const released = Date.now();
      await customers.update(customerId, customerReleaseUpdate, { reason: 'tvist avsluttet' });
      const crm = await called('anonymiseCrm');
      expect(crm.input).toMatchObject({
        rule: 'crm.anonymise',
        dueAt: iso(t0 + CRM_MS),
        idempotencyKey: `${workflowId}/${continued.fromRunId}/crm-anonymise`,
      });
      expect(crm.scheduledAt.getTime()).toBeGreaterThanOrEqual(Math.max(t0 + CRM_MS, released));
      expect(calls('anonymiseErp')).toEqual([]);
    });
  });
});
