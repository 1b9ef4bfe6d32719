// Worker process: polls the lifecycle task queue and runs workflows and activities.
// On SIGINT/SIGTERM the SDK stops polling and gives in-flight activities SHUTDOWN_GRACE_SECONDS to
// finish; then the connections close and the process exits 0. Logs are pino JSON lines; metrics
// are served on METRICS_PORT (observability/workerRuntime.ts).
import 'dotenv/config';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig, requireDatabaseUrl } from '../config/env';
import { createDb } from '../db/client';
import { createLedger } from '../ledger/ledger';
import { refuseLedgerRewriters } from '../ledger/privileges';
import { createLogger } from '../observability/logger';
import { installWorkerRuntime } from '../observability/workerRuntime';
import { createTemporalClient } from '../temporal/client';
import { createWorker } from './createWorker';
import { fileJournal } from '../lifecycles/shared/erasureJournal';
import { assertNamespaceRetention } from '../temporal/namespace';
import { CONFORMANCE_SCHEDULE_ID, conformanceInput, ensureConformanceSchedule } from '../jobs/conformance/schedule';
import { ensureReconciliationSchedule, RECONCILIATION_SCHEDULE_ID } from '../jobs/reconciliation/schedule';
import { AGEING_SCHEDULE_ID, ensureAgeingSchedule } from '../jobs/ageing/schedule';

async function main(): Promise<void> {
  const config = loadConfig(process.env, 'worker');
  const logger = createLogger(config.logLevel, 'worker');
  installWorkerRuntime(logger, config.metricsPort, config.host);
  const db = createDb(requireDatabaseUrl(config));
  // The worker writes evidence: as a role that could also rewrite it, it must not run in production.
  await refuseLedgerRewriters(db, config.nodeEnv === 'production', (m) => logger.warn(m));
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const temporal = await createTemporalClient(config);
  try {
    // Closed lifecycles must not outlive TEMPORAL_RETENTION in Temporal's own store.
    await assertNamespaceRetention(temporal.connection, config.temporal.namespace, config.temporal.retentionMs);
    const worker = await createWorker({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      shutdownGraceMs: config.shutdownGraceMs,
      tuning: config.worker,
      workflowBundlePath: config.workflowBundlePath,
      payloadKeys: config.payloadKeys,
      db,
      temporal,
      journal: fileJournal(config.erasureJournalDir),
      ledger: createLedger(config.ledger),
    });
    logger.info(
      { taskQueue: config.temporal.taskQueue, address: config.temporal.address, metricsPort: config.metricsPort },
      'worker polling',
    );
    // The daily jobs; a failure here must not keep the worker from its real work.
    const scheduled = (scheduleId: string, how: Promise<'created' | 'updated'>) =>
      how.then(
        (done) => logger.info({ scheduleId, how: done }, 'schedule in place'),
        (err: Error) => logger.warn({ scheduleId, error: err.message }, 'could not create or update the schedule'),
      );
    void scheduled(
      RECONCILIATION_SCHEDULE_ID,
      ensureReconciliationSchedule(temporal, { taskQueue: config.temporal.taskQueue, policy: config.policy }),
    );
    void scheduled(
      CONFORMANCE_SCHEDULE_ID,
      ensureConformanceSchedule(temporal, {
        taskQueue: config.temporal.taskQueue,
        input: conformanceInput(config.policy, config.temporal.retentionMs),
        every: config.conformanceEveryMs,
      }),
    );
    void scheduled(
      AGEING_SCHEDULE_ID,
      ensureAgeingSchedule(temporal, { taskQueue: config.temporal.taskQueue, policy: config.policy, everyMs: config.ageingEveryMs }),
    );
    await worker.run();
    logger.info('worker stopped: polling ended and in-flight activities finished');
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
