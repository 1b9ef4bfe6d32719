// Records a complete lifecycle history for the replay test, of the scenario named first:
//   npm run record:history [-- user-lifecycle-v4-<what changed>]            (tsx record.ts user)
//   npm run record:customer-history [-- customer-lifecycle-v2-<what changed>] (tsx record.ts customer)
//   npm run record:contact-history [-- contact-lifecycle-v2-<what changed>]   (tsx record.ts contact)
//   npm run record:support-case-history [-- supportCase-lifecycle-v2-<what changed>]
//   npm run record:prospect-history                                          (prospect, then prospect-continued)
//   npx tsx tests/replay/record.ts user-continued [user-lifecycle-v5-<...>]  (a run that continues as new)
// Commit the JSON it writes whenever a workflow's behaviour deliberately changes shape, under a new
// name: old histories stay, so lifecycles started under old code keep being replayed. A lifecycle that
// continued as new is written run by run: the first under the name (ending in its ContinuedAsNew
// event), each later one under <name>-run<n>, since a history file holds one run.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { createDb } from '../../db/client';
import { createTestWorker, createTimeSkippingEnv, testDataConverter } from '../support/temporal';
import { historiesOfEveryRun, startContinueAsNewDevServer } from '../support/continueAsNew';
import { uniqueId } from '../support/subjects';
import { startServers } from '../../testkit/servers';
import { quietRuntime } from '../../testkit/runtime';
import { scenarios, type LifecycleKind, type Scenario } from './scenarios';

async function main(): Promise<void> {
  const [kind = '', name] = process.argv.slice(2);
  if (!Object.keys(scenarios).includes(kind)) throw new Error(`usage: record.ts ${Object.keys(scenarios).join('|')} [history-name]`);
  const scenario: Scenario = scenarios[kind as LifecycleKind];
  quietRuntime();
  const stack = await startServers();
  const devServer = scenario.continuesAsNew ? await startContinueAsNewDevServer() : undefined;
  const env = devServer
    ? await TestWorkflowEnvironment.createFromExistingServer({ address: devServer.address, client: { dataConverter: testDataConverter() } })
    : await createTimeSkippingEnv(stack.testServerPath);
  const db = createDb(stack.databaseUrl);
  try {
    const taskQueue = uniqueId('record');
    const worker = await createTestWorker(env, db, taskQueue);
    const { workflowId, drive } = await scenario.prepare({ env, db, taskQueue });
    const handle = env.client.workflow.getHandle(workflowId);
    await worker.runUntil(async () => {
      await drive(handle);
      await handle.result();
    });
    const firstRunId = (await handle.fetchHistory()).events?.[0]?.workflowExecutionStartedEventAttributes?.firstExecutionRunId;
    if (!firstRunId) throw new Error(`${workflowId}: no first run ID in its history`);
    const runs = await historiesOfEveryRun((runId) => env.client.workflow.getHandle(workflowId, runId), firstRunId);
    for (const [i, { history }] of runs.entries()) {
      const base = name ?? scenario.defaultName;
      const out = path.join(__dirname, 'histories', `${i === 0 ? base : `${base}-run${i + 1}`}.json`);
      // Opaque IDs only: the seeded people's data never enters the history (the PII test checks that too).
      writeFileSync(out, historyToJSON(history));
      console.log(`wrote ${out} (${history.events?.length} events)`);
    }
  } finally {
    await env.teardown();
    await db.$disconnect();
    await devServer?.stop();
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
