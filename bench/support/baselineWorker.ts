// The benches' baseline worker process: no-op workflows on BASELINE_TASK_QUEUE, default worker
// settings, nothing of ours in them. What the server and one worker manage without our work.
import { NativeConnection, Worker } from '@temporalio/worker';
import { quietRuntime } from '../../testkit/runtime';
import { baselineActivities } from './baselineActivities';

async function main(): Promise<void> {
  quietRuntime();
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const worker = await Worker.create({
    connection,
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: process.env.BASELINE_TASK_QUEUE!,
    workflowsPath: require.resolve('./noopWorkflows'),
    activities: baselineActivities,
  });
  console.log('baseline worker polling');
  await worker.run();
  await connection.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
