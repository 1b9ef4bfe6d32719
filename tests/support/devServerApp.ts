// The app as the integration tests drive it over HTTP: the real API and a real worker on a task
// queue of their own, on the shared Postgres and Temporal dev server. `env` sets what a test
// needs on top, e.g. a quarantine of seconds; `workerDb` lets a test see into the worker's queries.
import { afterAll, beforeAll } from 'vitest';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import { fakerNB_NO as faker } from '@faker-js/faker';
import { createApp } from '../../api/app';
import { loadConfig, type AppConfig } from '../../config/env';
import { createDb, type Db } from '../../db/client';
import { createTemporalClient } from '../../temporal/client';
import { createWorker } from '../../worker/createWorker';
import { testDatabaseUrl, testTemporalAddress } from './env';
import { norwegianMobile, uniqueId, type SeededUser } from './subjects';
import { quietRuntime } from './temporal';

export const SERVICE = { Authorization: 'Bearer it-service-token' };

export interface DevServerApp {
  app: ReturnType<typeof createApp>;
  db: Db;
  temporal: Client;
  config: AppConfig;
}

export function useDevServerApp(env: Record<string, string>, opts: { queuePrefix?: string; workerDb?: (db: Db) => Db } = {}): DevServerApp {
  const it = {} as DevServerApp;
  let connection: NativeConnection | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  beforeAll(async () => {
    quietRuntime();
    it.config = loadConfig({
      DATABASE_URL: testDatabaseUrl(),
      TEMPORAL_ADDRESS: testTemporalAddress(),
      TEMPORAL_TASK_QUEUE: uniqueId(opts.queuePrefix ?? 'it'),
      API_TOKENS: 'service:it-service-token,admin:it-admin-token',
      ...env,
    });
    const { temporal: t, payloadKeys } = it.config;
    it.db = createDb(testDatabaseUrl());
    it.temporal = await createTemporalClient(it.config);
    connection = await NativeConnection.connect({ address: t.address });
    const db = opts.workerDb?.(it.db) ?? it.db;
    worker = await createWorker({ connection, namespace: t.namespace, taskQueue: t.taskQueue, payloadKeys, db, temporal: it.temporal });
    running = worker.run();
    it.app = createApp({ db: it.db, temporal: it.temporal, config: it.config });
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await connection?.close();
    await it.temporal?.connection.close();
    await it.db?.$disconnect();
  });
  return it;
}

/** A user's personal fields for PUT /api/v1/users/{id}, realistic and unique enough to search for. */
export function personalData(): SeededUser['personal'] {
  const firstName = faker.person.firstName();
  const lastName = faker.person.lastName();
  return {
    username: `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '') + faker.string.numeric(4),
    firstName,
    lastName,
    email: faker.internet.email({ firstName, lastName }).toLowerCase(),
    phone: norwegianMobile(),
  };
}
