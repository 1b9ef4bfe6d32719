// `npm run conformance -- --now`: runs a conformance scan on the running system (the worker that
// polls TEMPORAL_TASK_QUEUE carries it out), waits for it, and prints what it found; the last line
// is a one-line JSON summary (`{"findings":N,...}`) for scripts. A scan started by hand that is
// still running is waited for, not doubled. Reads the settings `npm start` reads (the environment,
// then .env or .env.example). Without --now: the last scan started by hand, waited for if it runs.
// Exits 1 when the scan could not run; findings are in the summary, not in the exit code.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/env';
import type { ConformanceSummary } from '../jobs/conformance/record';
import { conformanceInput, manualConformanceId, startConformanceScanNow } from '../jobs/conformance/schedule';
import { loadStartEnv } from '../scripts/start-env';
import { PROJECT_ROOT } from '../scripts/tools';
import { createTemporalClient } from '../temporal/client';

const { values: opts } = parseArgs({ options: { now: { type: 'boolean', default: false } } });

async function main(): Promise<void> {
  const config = loadConfig(loadStartEnv(PROJECT_ROOT).env, 'worker');
  const { taskQueue, namespace, address } = config.temporal;
  const temporal = await createTemporalClient(config);
  try {
    const workflowId = manualConformanceId(taskQueue);
    if (opts.now) {
      const started = await startConformanceScanNow(temporal, {
        taskQueue,
        input: conformanceInput(config.policy, config.temporal.retentionMs),
      });
      console.error(
        started
          ? `conformance scan ${workflowId} started on ${address} (${namespace}, task queue ${taskQueue}); waiting for the worker`
          : `a conformance scan started by hand is already running (${workflowId}); waiting for it`,
      );
    }
    const handle = temporal.workflow.getHandle(workflowId);
    const startedAt = Date.now();
    const ticker = setInterval(() => console.error(`  still scanning after ${Math.round((Date.now() - startedAt) / 1000)} s`), 10_000);
    let summary: ConformanceSummary;
    try {
      summary = (await handle.result()) as ConformanceSummary;
    } finally {
      clearInterval(ticker);
    }
    console.error(
      `scan ${summary.scanId}: ${summary.checks} checks, ${summary.rowsExamined} rows examined, ` +
        `${summary.findings} open finding(s) (${summary.newFindings} new, ${summary.resolvedFindings} resolved), ` +
        `${summary.lateErasures} late erasure(s); attested in evidence record ${summary.evidenceId}`,
    );
    for (const [rule, n] of Object.entries(summary.byRule)) console.error(`  ${rule}: ${n}`);
    console.log(
      JSON.stringify({ ...summary, workflowId, seconds: (Date.parse(summary.finishedAt) - Date.parse(summary.startedAt)) / 1000 }),
    );
  } finally {
    await temporal.connection.close();
  }
}

main().catch((err: Error) => {
  console.error(`conformance scan failed: ${err.message}`);
  process.exit(1);
});
