// A migrated database and a task queue of their own, for tests that scan whole tables, and the
// stack such a test runs on: a client, and the real worker polling the queue against that database.
import type { Client } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { loadConfig, type AppConfig } from '../../config/env';
import { createDb, type Db } from '../../db/client';
import { createTemporalClient } from '../../temporal/client';
import { createWorker } from '../../worker/createWorker';
import { testTemporalAddress } from '../support/env';
import { createIsolatedDatabase } from '../support/isolatedDatabase';
import { uniqueId } from '../support/subjects';
import { quietRuntime } from '../support/temporal';

export async function isolatedDatabaseWith(prefix: string): Promise<{ url: string; queue: string }> {
  return { url: await createIsolatedDatabase(prefix), queue: uniqueId(prefix) };
}

export interface IsolatedStack {
  db: Db;
  temporal: Client;
  config: AppConfig;
  close(): Promise<void>;
}

/** An isolated database and queue with a running worker; `env` adds settings such as API_TOKENS. */
export async function isolatedStack(prefix: string, env: Record<string, string> = {}): Promise<IsolatedStack> {
  quietRuntime();
  const { url, queue } = await isolatedDatabaseWith(prefix);
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, TEMPORAL_ADDRESS: testTemporalAddress(), TEMPORAL_TASK_QUEUE: queue, ...env });
  const db = createDb(url);
  const temporal = await createTemporalClient(config);
  const connection = await NativeConnection.connect({ address: testTemporalAddress() });
  const worker: Worker = await createWorker({ connection, namespace: 'default', taskQueue: queue, payloadKeys: config.payloadKeys, db, temporal });
  const running = worker.run();
  return {
    db,
    temporal,
    config,
    async close() {
      worker.shutdown();
      await running.catch(() => {});
      await connection.close();
      await temporal.connection.close();
      await db.$disconnect();
    },
  };
}
