// Temporal pieces the workflow tests share: one workflow bundle per test file, a time-skipping
// server from the project's own binary, and a worker over the real activities and database.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../../testkit/bundle';
import { quietRuntime } from '../../testkit/runtime';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTE_REGISTRATIONS } from '../../lifecycles/shared/searchAttributes';
import { createActivities, type Activities } from '../../worker/activities';
import type { Db } from '../../db/client';
import { policyFromEnv } from '../../policy/fromEnv';
import { createUserService } from '../../lifecycles/user/service';
import { projectDataConverter } from '../../temporal/codec';
import { DEV_PAYLOAD_KEYS, parsePayloadKeys } from '../../temporal/payloadKeys';
import { DEV_LEDGER_KEYS, parseLedgerKeys } from '../../ledger/keys';
import { createLedger } from '../../ledger/ledger';

/** The keys loadConfig falls back to outside production: tests encrypt payloads like the app does. */
export const testPayloadKeys = parsePayloadKeys(DEV_PAYLOAD_KEYS);
/** For every test client and worker that is not built through createTemporalClient/createWorker. */
export const testDataConverter = () => projectDataConverter(testPayloadKeys);

export { workflowBundle };

export async function createTimeSkippingEnv(executablePath: string): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: executablePath } },
    client: { dataConverter: testDataConverter() },
  });
  // The test server knows only the built-in search attributes until told of ours.
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(
      SEARCH_ATTRIBUTE_REGISTRATIONS.map(({ name, cliType }) => [
        name,
        temporal.api.enums.v1.IndexedValueType[`INDEXED_VALUE_TYPE_${cliType.toUpperCase()}` as 'INDEXED_VALUE_TYPE_KEYWORD'],
      ]),
    ),
  });
  return env;
}

/** The development ledger key, no anchors: for tests that run activities outside an app. */
export const testLedger = () => createLedger({ keys: parseLedgerKeys(DEV_LEDGER_KEYS), anchorDir: undefined });

/** `wrap` lets a test put its own step around a real activity (e.g. a straggling write after the purge). */
export async function createTestWorker(
  env: TestWorkflowEnvironment,
  db: Db,
  taskQueue: string,
  wrap: (real: Activities) => Activities = (real) => real,
): Promise<Worker> {
  return Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    dataConverter: testDataConverter(),
    activities: wrap(createActivities({ db, temporal: env.client, ledger: testLedger() })),
  });
}

/** The API's own user service, so tests go through the same update-with-start path. */
export function userServiceFor(db: Db, client: Client, taskQueue: string, env: Record<string, string> = {}) {
  const policy = policyFromEnv(env);
  return createUserService(db, { temporal: client, taskQueue, policy });
}
