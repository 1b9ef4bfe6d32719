// The benches' worker process: the production worker (worker/main.ts's createWorker, same
// settings) on TEMPORAL_TASK_QUEUE, and in the same process a baseline worker with no-op
// workflows on BASELINE_TASK_QUEUE, so the two rates compare like with like.
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadConfig, requireDatabaseUrl } from '../../config/env';
import { createDb } from '../../db/client';
import { createTemporalClient } from '../../temporal/client';
import { createWorker } from '../../worker/createWorker';
import { quietRuntime } from '../../tests/support/temporal';
import { baselineActivities } from './baselineActivities';

async function main(): Promise<void> {
  quietRuntime();
  const config = loadConfig(process.env, 'worker');
  const db = createDb(requireDatabaseUrl(config));
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const temporal = await createTemporalClient(config);
  const lifecycle = await createWorker({ connection, namespace: config.temporal.namespace, taskQueue: config.temporal.taskQueue, payloadKeys: config.payloadKeys, tuning: config.worker, db, temporal });
  const baseline = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: process.env.BASELINE_TASK_QUEUE!,
    workflowsPath: require.resolve('./noopWorkflows'),
    activities: baselineActivities,
  });
  // The SDK's own SIGINT/SIGTERM handling shuts both workers down.
  console.log('bench worker polling');
  await Promise.all([lifecycle.run(), baseline.run()]);
  await connection.close();
  await temporal.connection.close();
  await db.$disconnect();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
