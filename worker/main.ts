// Worker process: polls the lifecycle task queue and runs workflows and activities.
// The SDK stops polling and lets in-flight activities finish on SIGINT/SIGTERM.
import 'dotenv/config';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig, requireDatabaseUrl } from '../config/env';
import { createDb } from '../db/client';
import { createTemporalClient } from '../temporal/client';
import { createWorker } from './createWorker';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = createDb(requireDatabaseUrl(config));
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const temporal = await createTemporalClient(config);
  try {
    const worker = await createWorker({ connection, namespace: config.temporal.namespace, taskQueue: config.temporal.taskQueue, db, temporal });
    console.log(`worker polling task queue "${config.temporal.taskQueue}" on ${config.temporal.address}`);
    await worker.run();
  } finally {
    await connection.close();
    await temporal.connection.close();
    await db.$disconnect();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
