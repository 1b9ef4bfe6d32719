// Records a complete lifecycle history for the replay test, of the kind named first:
//   npm run record:history [-- user-lifecycle-v4-<what changed>]            (tsx record.ts user)
//   npm run record:customer-history [-- customer-lifecycle-v2-<what changed>] (tsx record.ts customer)
// Commit the JSON it writes whenever a workflow's behaviour deliberately changes shape, under a new
// name: old histories stay, so lifecycles started under old code keep being replayed.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { createDb } from '../../db/client';
import { createTestWorker, createTimeSkippingEnv } from '../support/temporal';
import { uniqueId } from '../support/subjects';
import { startServers } from '../../testkit/servers';
import { scenarios, type LifecycleKind } from './scenarios';

async function main(): Promise<void> {
  const [kind = '', name] = process.argv.slice(2);
  if (!Object.keys(scenarios).includes(kind)) throw new Error(`usage: record.ts ${Object.keys(scenarios).join('|')} [history-name]`);
  const scenario = scenarios[kind as LifecycleKind];
  const stack = await startServers();
  const env = await createTimeSkippingEnv(stack.testServerPath);
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
    const history = await handle.fetchHistory();
    const out = path.join(__dirname, 'histories', `${name ?? scenario.defaultName}.json`);
    // Opaque IDs only: the seeded people's data never enters the history (the PII test checks that too).
    writeFileSync(out, historyToJSON(history));
    console.log(`wrote ${out} (${history.events?.length} events)`);
  } finally {
    await env.teardown();
    await db.$disconnect();
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
