// Demo data is written straight into the tables, so no provisioning has started its subjects'
// lifecycles: one reconciliation run, started as soon as the worker polls, gives every seeded user
// and customer the lifecycle it should have (ACTIVE, or terminated as of its end).
import { loadConfig } from '../../config/env';
import { startReconciliationNow } from '../../jobs/reconciliation/schedule';
import { createTemporalClient } from '../../temporal/client';

export async function startDemoLifecycles(env: Record<string, string>, log: (line: string) => void): Promise<void> {
  const config = loadConfig(env);
  const temporal = await createTemporalClient(config);
  try {
    const run = await startReconciliationNow(temporal, { taskQueue: config.temporal.taskQueue, policy: config.policy });
    log(
      run
        ? `giving the demo data its lifecycles (reconciliation run ${run.workflowId})`
        : 'a reconciliation run is already giving the demo data its lifecycles',
    );
  } finally {
    await temporal.connection.close();
  }
}
