// The benches' lifecycle worker process: the production worker (worker/main.ts's createWorker,
// same settings, the prebuilt workflow bundle) on TEMPORAL_TASK_QUEUE. The baseline runs in its
// own process (baselineWorker.ts), so this process's RSS is the product's alone.
import { NativeConnection } from '@temporalio/worker';
import { loadConfig, requireDatabaseUrl } from '../../config/env';
import { createDb } from '../../db/client';
import { createTemporalClient } from '../../temporal/client';
import { fileJournal } from '../../lifecycles/shared/erasureJournal';
import { createWorker } from '../../worker/createWorker';
import { quietRuntime } from '../../testkit/runtime';
import { logMemoryEvery } from './memoryLog';
import { createLedger } from '../../ledger/ledger';

async function main(): Promise<void> {
  quietRuntime();
  logMemoryEvery();
  const config = loadConfig(process.env, 'worker');
  const db = createDb(requireDatabaseUrl(config));
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const temporal = await createTemporalClient(config);
  const worker = await createWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    payloadKeys: config.payloadKeys,
    tuning: config.worker,
    workflowBundlePath: config.workflowBundlePath,
    db,
    temporal,
    journal: fileJournal(config.erasureJournalDir),
    ledger: createLedger(config.ledger),
  });
  // The SDK's own SIGINT/SIGTERM handling shuts the worker down.
  console.log('bench worker polling');
  await worker.run();
  await connection.close();
  await temporal.connection.close();
  await db.$disconnect();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
