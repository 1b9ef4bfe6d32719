// Records a complete lifecycle history for the replay test (run: npm run record:history).
// Commit the JSON it writes whenever a workflow's behaviour deliberately changes shape.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { createDb } from '../../db/client';
import { userWorkflowId } from '../../workflows/userLifecycleApi';
import { createTestWorker, createTimeSkippingEnv, userServiceFor } from '../support/temporal';
import { seedUser, uniqueId } from '../support/subjects';
import { startRecordingStack } from '../support/recordingStack';

async function main(): Promise<void> {
  const stack = await startRecordingStack();
  const env = await createTimeSkippingEnv(stack.testServerPath);
  const db = createDb(stack.databaseUrl);
  try {
    const taskQueue = uniqueId('record');
    const worker = await createTestWorker(env, db, taskQueue);
    const users = userServiceFor(db, env.client, taskQueue);
    const u = await seedUser(db);
    const handle = env.client.workflow.getHandle(userWorkflowId(u.userId));
    await worker.runUntil(async () => {
      // Every path a long-lived history may contain: termination, hold, release, restore, re-termination, purge.
      await users.terminate(u.userId, new Date(await env.currentTimeMs()).toISOString(), undefined);
      await env.sleep('5 days');
      await users.hold(u.userId, 'revisjon');
      await env.sleep('2 days');
      await users.release(u.userId, 'revisjon ferdig');
      await users.restore(u.userId, 'feil avslutning');
      await users.terminate(u.userId, new Date(await env.currentTimeMs()).toISOString(), undefined);
      await env.sleep('31 days');
      await handle.result();
    });
    const history = await handle.fetchHistory();
    // Name the file after what changed (npm run record:history -- user-lifecycle-v2-projection): old histories stay.
    const out = path.join(__dirname, 'histories', `${process.argv[2] ?? 'user-lifecycle-v1'}.json`);
    // Opaque IDs only: the seeded person's data never enters the history (the PII test checks that too).
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
