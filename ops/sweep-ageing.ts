// `npm run sweep:ageing -- --now`: runs the ageing sweep on the running system (the worker that
// polls TEMPORAL_TASK_QUEUE carries it out), waits for it, and prints what it did; the last line is
// a one-line JSON summary (`{"rows":{…},"batches":N,"evidenceRecords":N,"seconds":S,…}`) for
// scripts. A sweep started by hand that is still running is waited for, not doubled. Reads the
// settings `npm start` reads (the environment, then .env or .env.example). Without --now: the last
// sweep started by hand, waited for if it runs. Exits 1 when the sweep could not run.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/env';
import type { AgeingSweepSummary } from '../jobs/ageing/contract';
import { ageingInput, manualAgeingId, startAgeingSweepNow } from '../jobs/ageing/schedule';
import { loadStartEnv } from '../scripts/start-env';
import { PROJECT_ROOT } from '../scripts/tools';
import { createTemporalClient } from '../temporal/client';

const { values: opts } = parseArgs({ options: { now: { type: 'boolean', default: false } } });

async function main(): Promise<void> {
  const config = loadConfig(loadStartEnv(PROJECT_ROOT).env, 'worker');
  const { taskQueue, namespace, address } = config.temporal;
  const temporal = await createTemporalClient(config);
  try {
    const workflowId = manualAgeingId(taskQueue);
    if (opts.now) {
      const started = await startAgeingSweepNow(temporal, { taskQueue, input: ageingInput(config.policy, config.ageingEveryMs) });
      console.error(
        started
          ? `ageing sweep ${workflowId} started on ${address} (${namespace}, task queue ${taskQueue}); waiting for the worker`
          : `an ageing sweep started by hand is already running (${workflowId}); waiting for it`,
      );
    }
    const handle = temporal.workflow.getHandle(workflowId);
    const startedAt = Date.now();
    const ticker = setInterval(() => console.error(`  still sweeping after ${Math.round((Date.now() - startedAt) / 1000)} s`), 10_000);
    let summary: AgeingSweepSummary;
    try {
      summary = (await handle.result()) as AgeingSweepSummary;
    } finally {
      clearInterval(ticker);
    }
    console.error(`records due before ${summary.horizon} (policy ${config.policy.version}):`);
    for (const t of summary.tables)
      console.error(
        `  ${t.table.padEnd(14)} ${String(t.rows).padStart(9)} anonymised under ${t.rule}, dated up to ${t.cutoff}, ` +
          `${t.batches} batches, ${t.evidenceRecords} evidence records, row locks held ${t.maxLockedMs} ms at most`,
      );
    const { rows, batches, evidenceRecords, maxLockedMs, horizon } = summary;
    const seconds = (Date.parse(summary.finishedAt) - Date.parse(summary.startedAt)) / 1000;
    console.log(JSON.stringify({ rows, batches, evidenceRecords, seconds, maxLockedMs, horizon, workflowId }));
  } finally {
    await temporal.connection.close();
  }
}

main().catch((err: Error) => {
  console.error(`ageing sweep failed: ${err.message}`);
  process.exit(1);
});
