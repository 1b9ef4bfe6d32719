// `npm run bench:cascade [-- --users 5000]`: one customer with N users ends its relationship; the
// customer workflow pages through the users (200 per activity) and terminates each through its own
// user lifecycle. Prints the time until every user is terminated (deactivated), the rate, and the
// customer workflow's history length, which must not grow with N beyond a page's worth per 200.
//
// Runs on its own Postgres and in-memory Temporal dev server (free ports, temp dir), with one worker
// started as the Docker image starts it. A timing goal lives here, not in a test.
import { parseArgs } from 'node:util';
import { fakerNB_NO as faker } from '@faker-js/faker';
import { createLifecycleClient } from '../lifecycles/client';
import { customerKind } from '../lifecycles/customer/kind';
import { loadConfig } from '../config/env';
import { createDb } from '../db/client';
import { getFreePort } from '../scripts/ports';
import { createTemporalClient } from '../temporal/client';
import { customerWorkflowId, terminateCustomerUpdate } from '../lifecycles/customer/contract';
import { startAppProcess, type AppProcess } from '../testkit/appProcess';
import { startServers } from '../testkit/servers';
import { uniqueId } from '../testkit/ids';
import { saveResult } from './support/benchStack';

const { values: opts } = parseArgs({ options: { users: { type: 'string', default: '5000' } } });
const USERS = Number(opts.users);
const log = (msg: string) => console.log(`[cascade] ${msg}`);
const since = (t: number) => `${((Date.now() - t) / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const t0 = Date.now();
  const stack = await startServers({ temporal: true });
  const db = createDb(stack.databaseUrl);
  let worker: AppProcess | undefined;
  try {
    log(`Postgres + Temporal dev server ready in ${since(t0)}`);
    const env = {
      NODE_ENV: 'test',
      DATABASE_URL: stack.databaseUrl,
      TEMPORAL_ADDRESS: stack.temporalAddress!,
      TEMPORAL_TASK_QUEUE: uniqueId('cascade'),
      LOG_LEVEL: 'info',
    };
    const customerId = uniqueId('cust');
    await db.customer.create({ data: { id: customerId, type: 'business', name: faker.company.name() } });
    const users = Array.from({ length: USERS }, () => ({
      id: uniqueId('user'),
      customerId,
      firstName: faker.person.firstName(),
      lastName: faker.person.lastName(),
      email: faker.internet.email(),
      phone: `+479${faker.string.numeric(7)}`,
    }));
    for (let i = 0; i < users.length; i += 1000) await db.userAccount.createMany({ data: users.slice(i, i + 1000) });
    log(`seeded ${USERS} users of customer ${customerId}`);

    worker = startAppProcess('worker/main.ts', { ...env, METRICS_PORT: String(await getFreePort()) }, { viaNodeImport: true });
    await worker.waitFor(/worker polling/, 120_000);

    const config = loadConfig(env);
    const temporal = await createTemporalClient(config);
    const lifecycles = createLifecycleClient(customerKind, { temporal, taskQueue: config.temporal.taskQueue, policy: config.policy });
    const start = Date.now();
    await lifecycles.updateWithStart(customerId, customerId, terminateCustomerUpdate, {
      terminatedAt: new Date().toISOString(),
      reason: 'cascade bench',
    });
    let lastLog = 0;
    for (;;) {
      const state = await lifecycles.state(customerId);
      const c = state?.cascade;
      if (c?.done) break;
      if (Date.now() - lastLog > 10_000) {
        lastLog = Date.now();
        log(`${since(start)}: ${c?.usersDone ?? 0}/${USERS} users terminated`);
      }
      if (Date.now() - start > 30 * 60_000) throw new Error('cascade did not finish in 30 minutes');
      await new Promise((r) => setTimeout(r, 500));
    }
    const elapsedMs = Date.now() - start;
    const state = (await lifecycles.state(customerId))!;
    const deactivated = await db.userAccount.count({ where: { customerId, status: 'deactivated' } });
    const handle = temporal.workflow.getHandle(customerWorkflowId(customerId));
    const history = await handle.fetchHistory();
    const events = history.events ?? [];
    const bytes = Buffer.byteLength(JSON.stringify(history));
    const runs = 1 + events.filter((e) => e.workflowExecutionContinuedAsNewEventAttributes).length;
    console.log(
      [
        '',
        `  users                         ${USERS}`,
        `  terminated (cascade count)    ${state.cascade!.usersDone} (skipped ${state.cascade!.usersSkipped})`,
        `  deactivated in Postgres       ${deactivated}`,
        `  elapsed                       ${(elapsedMs / 1000).toFixed(1)} s`,
        `  rate                          ${(USERS / (elapsedMs / 1000)).toFixed(1)} users/s`,
        `  customer history (this run)   ${events.length} events, ${(bytes / 1024).toFixed(0)} KiB as JSON${runs > 1 ? `, continued as new ${runs - 1}x` : ''}`,
        '',
      ].join('\n'),
    );
    const ok = deactivated === USERS && state.cascade!.usersDone === USERS;
    saveResult('cascade', {
      users: USERS,
      usersDone: state.cascade!.usersDone,
      usersSkipped: state.cascade!.usersSkipped,
      deactivated,
      seconds: elapsedMs / 1000,
      usersPerSecond: USERS / (elapsedMs / 1000),
      customerHistory: { events: events.length, bytes, runs },
      ok,
    });
    log(ok ? 'PASS: every user terminated through its own lifecycle' : 'FAIL');
    await temporal.connection.close();
    process.exitCode = ok ? 0 : 1;
  } finally {
    worker?.signal('SIGTERM');
    if (worker) await Promise.race([worker.exited, new Promise((r) => setTimeout(r, 40_000))]);
    await db.$disconnect();
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
