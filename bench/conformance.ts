// `npm run bench:conformance [-- --users 10000 --runs 3]`: how long the daily conformance scan takes
// on npm start's demo data and on `--users` users (5 % deactivated two days ago, one customer per
// 20), every subject with its lifecycle (given by the backfill, as on the day the pipeline
// arrives). Each scan runs as the schedule runs it (the workflow on the worker, recording its
// findings and attestation); one more pass times each check on its own. Saves
// bench/results/conformance.json. A daily job has a day; the number to watch is how it grows.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/env';
import { createDb } from '../db/client';
import { CONFORMANCE_CHECKS } from '../jobs/conformance/checks';
import type { ConformanceSummary } from '../jobs/conformance/record';
import { conformanceInput } from '../jobs/conformance/schedule';
import { conformanceScanWorkflow } from '../jobs/conformance/workflow';
import type { CheckContext } from '../lifecycles/conformance';
import { runBackfill, subjectKinds } from '../ops/backfillSubjects';
import { ON_TIME_TOLERANCE_MS } from '../policy/deadlines';
import { seedDemoData } from '../scripts/demo/seed';
import { uniqueId } from '../testkit/ids';
import { createTemporalClient } from '../temporal/client';
import { saveResult, startBenchStack } from './support/benchStack';
import { seedUsers } from './support/seed';
import { pollUntil } from './support/until';

const { values: opts } = parseArgs({ options: { users: { type: 'string', default: '10000' }, runs: { type: 'string', default: '3' } } });
const USERS = Number(opts.users);
const RUNS = Number(opts.runs);
const log = (m: string) => console.log(`[bench:conformance] ${m}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const until = (what: string, check: () => Promise<boolean>, limitMs = 20 * 60_000) => pollUntil(what, check, { limitMs, everyMs: 500 });

interface Measured {
  subjects: number;
  scans: Array<{ seconds: number; rowsExamined: number; findings: number; lateErasures: number }>;
  medianSeconds: number;
  perCheckSeconds: Record<string, number>;
}

async function main(): Promise<void> {
  const stack = await startBenchStack({}, { persistent: false });
  const db = createDb(stack.databaseUrl);
  const config = loadConfig(stack.env);
  const temporal = await createTemporalClient(config);
  const kinds = subjectKinds({ db, temporal, taskQueue: config.temporal.taskQueue, policy: config.policy });

  /** Gives every subject its lifecycle and waits until each ran its first task and nothing is still due. */
  async function lifecycles(): Promise<number> {
    const backfill = await runBackfill(kinds, { concurrency: 50 });
    const subjects = Object.values(backfill.counts).reduce((n, c) => n + c, 0);
    await until('every lifecycle to run its first task', async () => (await db.lifecycleProjection.count()) >= subjects);
    await until(
      'past-due purges to finish',
      async () => (await db.lifecycleProjection.count({ where: { status: 'running', dueAt: { lt: new Date() } } })) === 0,
    );
    return db.lifecycleProjection.count({ where: { status: 'running' } });
  }

  async function measure(label: string, running: number): Promise<Measured> {
    const scans: Measured['scans'] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = Date.now();
      const s: ConformanceSummary = await temporal.workflow.execute(conformanceScanWorkflow, {
        taskQueue: config.temporal.taskQueue,
        workflowId: uniqueId('bench-conformance'),
        args: [conformanceInput(config.policy, config.temporal.retentionMs)],
      });
      scans.push({ seconds: (Date.now() - t0) / 1000, rowsExamined: s.rowsExamined, findings: s.findings, lateErasures: s.lateErasures });
      log(`${label} scan ${i + 1}: ${scans.at(-1)!.seconds.toFixed(2)} s, ${s.rowsExamined} rows, ${s.findings} open findings`);
    }
    // Each check alone, in this process (the same queries the activity runs).
    const ctx: CheckContext = {
      db,
      temporal,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      policy: config.policy,
      now: new Date(),
      toleranceMs: ON_TIME_TOLERANCE_MS,
      temporalRetentionMs: config.temporal.retentionMs,
      evidenceSeqs: { from: 0n, to: BigInt(Number.MAX_SAFE_INTEGER) },
    };
    const perCheckSeconds: Record<string, number> = {};
    for (const check of CONFORMANCE_CHECKS) {
      const t0 = Date.now();
      await check.run(ctx);
      perCheckSeconds[check.code] = (Date.now() - t0) / 1000;
    }
    return { subjects: running, scans, medianSeconds: median(scans.map((s) => s.seconds)), perCheckSeconds };
  }

  try {
    const demo = await seedDemoData(db);
    log(`demo data: ${demo.customers} customers, ${demo.users} users; giving them their lifecycles`);
    const demoResult = await measure('demo', await lifecycles());

    await seedUsers(db, USERS, {
      deactivated: Math.round(USERS * 0.05),
      deactivatedAt: new Date(Date.now() - 2 * 86_400_000),
      customers: Math.ceil(USERS / 20),
    });
    log(`seeded ${USERS} users; giving them their lifecycles`);
    const t0 = Date.now();
    const running = await lifecycles();
    log(`${running} lifecycles running after ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    const scaleResult = await measure(`${USERS} users`, running);

    const row = (name: string, m: Measured) =>
      `  ${name.padEnd(16)} ${String(m.subjects).padStart(8)} ${String(m.scans[0]!.rowsExamined).padStart(10)} ${m.medianSeconds.toFixed(2).padStart(10)} ${m.scans.map((s) => s.seconds.toFixed(2)).join(' / ')}`;
    console.log(
      [
        '',
        `  conformance scan, ${RUNS} runs each, one worker process, dev server in memory`,
        `  data             lifecycles  rows read   median s   runs`,
        row('demo (npm start)', demoResult),
        row(`${USERS} users`, scaleResult),
        '',
        `  per check at ${USERS} users (s): ${Object.entries(scaleResult.perCheckSeconds)
          .map(([c, s]) => `${c} ${s.toFixed(2)}`)
          .join(', ')}`,
        '',
      ].join('\n'),
    );
    const clean = [...demoResult.scans, ...scaleResult.scans].every((s) => s.findings === 0);
    saveResult('conformance', { users: USERS, runs: RUNS, demo: demoResult, scale: scaleResult, clean });
    log(clean ? 'PASS: no findings on data the pipeline manages' : 'FAIL: findings on data the pipeline manages');
    process.exitCode = clean ? 0 : 1;
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
