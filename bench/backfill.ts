// `npm run bench:backfill [-- --users 10000 --concurrency 50]`: the day the pipeline is introduced.
// Seeds the users (5 % already deactivated) and their customers (one per 20 users), measures in one run, on one server and one worker
// process: (1) the rate of starting and completing a no-op workflow, (2) the backfill's rate
// (ops/backfillSubjects.ts, as `npm run backfill` runs it), (3) a re-run, which must start
// nothing new. Prints the ratio (target ≥ 0.8) and saves bench/results/backfill.json.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/env';
import { createDb } from '../db/client';
import { createTemporalClient } from '../temporal/client';
import { runBackfill, subjectKinds } from '../ops/backfillSubjects';
import { workflowsOnQueue } from '../testkit/workflowCount';
import { pooled, rssMb, saveResult, startBenchStack } from './support/benchStack';
import { seedUsers } from './support/seed';
import { pollUntil } from './support/until';

const { values: opts } = parseArgs({
  options: { users: { type: 'string', default: '10000' }, concurrency: { type: 'string', default: '50' } },
});
const USERS = Number(opts.users);
const CUSTOMERS = Math.ceil(USERS / 20);
// Subjects: every user and every customer relationship gets its lifecycle.
const N = USERS + CUSTOMERS;
const C = Number(opts.concurrency);
const log = (m: string) => console.log(`[bench:backfill] ${m}`);

const until = (what: string, check: () => Promise<boolean>, limitMs = 15 * 60_000) => pollUntil(what, check, { limitMs, everyMs: 250 });

async function main(): Promise<void> {
  // In memory: this bench measures rates, and the SQLite file's writes would dominate them.
  const stack = await startBenchStack({}, { persistent: false });
  const db = createDb(stack.databaseUrl);
  const config = loadConfig(stack.env);
  const temporal = await createTemporalClient(config);
  try {
    const deactivated = Math.round(USERS * 0.05);
    await seedUsers(db, USERS, { deactivated, deactivatedAt: new Date(Date.now() - 2 * 86_400_000), customers: CUSTOMERS });
    log(
      `seeded ${USERS} users (${deactivated} deactivated two days ago) of ${CUSTOMERS} customers; worker pid ${stack.worker.pid}, ${rssMb(stack.worker.pid).toFixed(0)} MB`,
    );

    // (1) Baseline: the same number of no-op workflows, same concurrency.
    let t0 = Date.now();
    const { rate: noopStartRate } = await pooled([...Array(N).keys()], C, (i) =>
      temporal.workflow.start('noopWorkflow', { taskQueue: stack.baselineQueue, workflowId: `noop-${i}` }),
    );
    await until(
      'no-op workflows to complete',
      async () => (await temporal.workflow.count(`TaskQueue = "${stack.baselineQueue}" AND ExecutionStatus = "Completed"`)).count >= N,
    );
    const noopSettledRate = N / ((Date.now() - t0) / 1000);
    log(`no-op: started ${noopStartRate.toFixed(0)}/s, started and completed ${noopSettledRate.toFixed(0)}/s`);

    // (2) The backfill.
    const kinds = subjectKinds({ db, temporal, taskQueue: config.temporal.taskQueue, policy: config.policy });
    t0 = Date.now();
    const first = await runBackfill(kinds, { concurrency: C });
    const backfillRate = N / first.seconds;
    // Settled: every lifecycle ran its first workflow task, which publishes LifecycleOnHold (the
    // start sets kind, phase and policy only). Counted in visibility and polled like the no-op's
    // completions: one store, one clock for both (the projection row would be another store).
    await until(
      'every lifecycle to run its first task',
      async () => (await temporal.workflow.count(`TaskQueue = "${config.temporal.taskQueue}" AND LifecycleOnHold = false`)).count >= N,
    );
    const backfillSettledRate = N / ((Date.now() - t0) / 1000);
    const quarantined = await db.lifecycleProjection.count({ where: { kind: 'user', phase: 'QUARANTINED' } });
    log(
      `backfill: ${JSON.stringify(first.counts)} in ${first.seconds.toFixed(1)} s = ${backfillRate.toFixed(0)}/s; settled ${backfillSettledRate.toFixed(0)}/s; ${quarantined} quarantined`,
    );

    // (3) Idempotent re-run: nothing new may start.
    const before = await workflowsOnQueue(temporal, config.temporal.taskQueue);
    const again = await runBackfill(kinds, { concurrency: C });
    const after = await workflowsOnQueue(temporal, config.temporal.taskQueue);
    log(`re-run: ${JSON.stringify(again.counts)} in ${again.seconds.toFixed(1)} s; workflows ${before} → ${after}`);

    const ratio = backfillRate / noopStartRate;
    const settledRatio = backfillSettledRate / noopSettledRate;
    // The target is the like-for-like one: started and first task done, both counted in visibility.
    const targetMet = settledRatio >= 0.8;
    const ok =
      first.failures.length === 0 && again.failures.length === 0 && after === N && before === N && quarantined === deactivated && targetMet;
    console.log(
      [
        '',
        `  subjects ${N} (${USERS} users, ${CUSTOMERS} customers), concurrency ${C}, one worker process, dev server in memory`,
        `                              no-op   backfill   ratio`,
        `  starts acknowledged /s   ${noopStartRate.toFixed(0).padStart(8)} ${backfillRate.toFixed(0).padStart(10)} ${ratio.toFixed(2).padStart(7)}`,
        `  first task done /s       ${noopSettledRate.toFixed(0).padStart(8)} ${backfillSettledRate.toFixed(0).padStart(10)} ${settledRatio.toFixed(2).padStart(7)}   (target ≥ 0.8; both counted in visibility)`,
        `  re-run: ${again.seconds.toFixed(1)} s, workflows before/after ${before}/${after}; worker RSS ${rssMb(stack.worker.pid).toFixed(0)} MB`,
        '',
      ].join('\n'),
    );
    saveResult('backfill', {
      users: USERS,
      customers: CUSTOMERS,
      subjects: N,
      concurrency: C,
      noopStartRate,
      noopSettledRate,
      backfillRate,
      backfillSettledRate,
      ratio,
      settledRatio,
      rerunSeconds: again.seconds,
      measuredIn:
        'visibility for both, polled every 250 ms: no-op ExecutionStatus = Completed, backfill LifecycleOnHold = false (published by the first workflow task)',
      targetMet,
      ok,
    });
    log(ok ? 'PASS' : 'FAIL');
    process.exitCode = ok ? 0 : 1;
  } finally {
    await temporal.connection.close();
    await db.$disconnect();
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
