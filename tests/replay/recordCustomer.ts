// Records a complete customer-relationship history for the replay test
// (run: npm run record:customer-history [-- customer-lifecycle-v2-<what changed>]).
// Every path a long-lived customer history may contain: termination and its paged cascade, hold,
// release, come-back with the restore cascade, a second termination, CRM anonymisation at 3 years
// and ERP at the 5-year cap.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { createCustomerLifecycleClient } from '../../api/customers/lifecycleClient';
import { createCustomerLifecycleService } from '../../api/customers/lifecycleService';
import { createDb } from '../../db/client';
import { addIsoDuration } from '../../policy/duration';
import { policyFromEnv } from '../../policy/retention';
import { customerLifecycleWorkflow } from '../../workflows';
import { customerStateQuery, customerWorkflowId } from '../../workflows/customerLifecycleApi';
import { createTestWorker, createTimeSkippingEnv } from '../support/temporal';
import { seedUser, uniqueId } from '../support/subjects';
import { seedCustomerRecords } from '../support/customers';
import { startRecordingStack } from '../support/recordingStack';

async function main(): Promise<void> {
  const stack = await startRecordingStack();
  const env = await createTimeSkippingEnv(stack.testServerPath);
  const db = createDb(stack.databaseUrl);
  try {
    const taskQueue = uniqueId('record');
    const worker = await createTestWorker(env, db, taskQueue);
    const policy = policyFromEnv({});
    const customers = createCustomerLifecycleService(db, createCustomerLifecycleClient({ temporal: env.client, taskQueue, policy }), policy);
    const c = await seedCustomerRecords(db, 'private');
    for (let i = 0; i < 3; i++) await seedUser(db, c.customerId);
    const handle = env.client.workflow.getHandle(customerWorkflowId(c.customerId));
    const now = async () => new Date(await env.currentTimeMs());
    const cascaded = async (action: string) => {
      for (;;) {
        const s = await handle.query(customerStateQuery);
        if (s.cascade?.action === action && s.cascade.done) return;
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    await worker.runUntil(async () => {
      // Pages of 2, so the history holds more than one page.
      await env.client.workflow.start(customerLifecycleWorkflow, {
        workflowId: customerWorkflowId(c.customerId),
        taskQueue,
        args: [{ customerId: c.customerId, policy, cascadePageSize: 2 }],
      });
      await customers.terminate(c.customerId, (await now()).toISOString(), 'kontrakt avsluttet');
      await cascaded('terminate');
      await customers.hold(c.customerId, 'revisjon');
      await env.sleep('2 days');
      await customers.release(c.customerId, 'revisjon ferdig');
      await customers.restore(c.customerId, 'kunden kom tilbake');
      await cascaded('restore');
      const t1 = await now();
      await customers.terminate(c.customerId, t1.toISOString(), undefined);
      await cascaded('terminate');
      await env.sleep(addIsoDuration(t1, 'P5Y').getTime() - t1.getTime() + 60_000);
      await handle.result();
    });
    const history = await handle.fetchHistory();
    const out = path.join(__dirname, 'histories', `${process.argv[2] ?? 'customer-lifecycle-v1'}.json`);
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
