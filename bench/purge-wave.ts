// `npm run bench:purge-wave [-- --users 10000 --quarantine PT8M --concurrency 50]`: every user
// terminated at the same instant, so every quarantine ends at the same moment. Measures in one
// run, on one dev server (SQLite file) and one worker process:
//   - sleeping cost: worker RSS and Temporal DB size with no lifecycles, then with N asleep;
//   - the wave: purges/s from the due time to the last evidence record, worker RSS every second;
//   - baseline: the same number of workflows that run one no-op activity, same worker process;
//   - correctness: every user purged exactly once, one evidence record each, no personal data left.
// WORKER_* settings (config/env.ts) pass through to the worker. Saves bench/results/purge-wave.json.
import { parseArgs } from 'node:util';
import { createLifecycleClient } from '../lifecycles/client';
import { userKind } from '../lifecycles/user/kind';
import { loadConfig } from '../config/env';
import { createDb } from '../db/client';
import { addIsoDuration } from '../policy/duration';
import { createTemporalClient } from '../temporal/client';
import { terminateUpdate } from '../lifecycles/user/contract';
import { fileMb, pooled, rssMb, sampleRss, saveResult, startBenchStack } from './support/benchStack';
import { personalDataLeft } from './support/personalData';
import { seedUsers } from './support/seed';
import { pollUntil } from './support/until';

const { values: opts } = parseArgs({
  options: {
    users: { type: 'string', default: '10000' },
    quarantine: { type: 'string', default: 'PT8M' },
    concurrency: { type: 'string', default: '50' },
  },
});
const N = Number(opts.users);
const C = Number(opts.concurrency);
const log = (m: string) => console.log(`[bench:purge-wave] ${new Date().toISOString().slice(11, 19)} ${m}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const until = (what: string, check: () => Promise<boolean>, limitMs = 30 * 60_000) => pollUntil(what, check, { limitMs, everyMs: 500 });

async function main(): Promise<void> {
  const overrides = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('WORKER_'))) as Record<string, string>;
  const stack = await startBenchStack({ RETENTION_USER_QUARANTINE: opts.quarantine!, ...overrides });
  const db = createDb(stack.databaseUrl);
  const config = loadConfig(stack.env);
  // What the worker runs with: the product's defaults (config/env.ts, worker/nodeFlags.ts) plus any WORKER_* overrides.
  const tuning = {
    ...config.worker,
    mallocArenaMax: stack.workerProcessEnv.MALLOC_ARENA_MAX,
    nodeOptions: stack.workerProcessEnv.NODE_OPTIONS,
  };
  const temporal = await createTemporalClient(config);
  const lifecycles = createLifecycleClient(userKind, {
    temporal,
    taskQueue: config.temporal.taskQueue,
    policy: config.policy,
    timeoutMs: 300_000,
  });
  const pid = stack.worker.pid;
  try {
    const ids = await seedUsers(db, N);
    await sleep(5_000);
    const idle = { rssMb: rssMb(pid), temporalDbMb: fileMb(stack.temporalDbFile) };
    log(
      `seeded ${N} users; idle worker ${idle.rssMb.toFixed(0)} MB, Temporal DB ${idle.temporalDbMb.toFixed(1)} MB; tuning ${JSON.stringify(tuning)}`,
    );

    // Terminations, all with the same termination time: the quarantines end together.
    const terminatedAt = new Date();
    const dueAt = addIsoDuration(terminatedAt, opts.quarantine!);
    const { rate: terminationRate, failed: terminationsFailed } = await pooled(ids, C, (id) =>
      lifecycles.updateWithStart(id, null, terminateUpdate, { terminatedAt: terminatedAt.toISOString(), reason: 'purge wave bench' }),
    );
    const overlap = Date.now() > dueAt.getTime();
    log(
      `${N} terminations at ${terminationRate.toFixed(0)}/s (${terminationsFailed} failed); purge due at ${dueAt.toISOString()}${overlap ? ' (ALREADY PASSED: raise --quarantine)' : ''}`,
    );

    // Sleeping cost, measured just before the wave.
    await sleep(Math.max(5_000, Math.min(dueAt.getTime() - Date.now() - 5_000, 60_000)));
    const asleep = { rssMb: rssMb(pid), temporalDbMb: fileMb(stack.temporalDbFile) };
    log(`${N} asleep: worker ${asleep.rssMb.toFixed(0)} MB, Temporal DB ${asleep.temporalDbMb.toFixed(1)} MB`);
    await sleep(Math.max(0, dueAt.getTime() - Date.now() - 2_000));

    const rss = sampleRss(pid);
    // A termination that failed (already logged) has no lifecycle to wait for.
    const expected = N - terminationsFailed;
    await until('every purge', async () => (await db.evidence.count({ where: { subjectKind: 'user', action: 'purge' } })) >= expected);
    rss.stop();
    const last = await db.evidence.aggregate({
      where: { subjectKind: 'user', action: 'purge' },
      _max: { finishedAt: true },
      _min: { startedAt: true },
    });
    // No purge may start before its due time: the quarantine is the notice's promise.
    const earliestPurge = last._min.startedAt!;
    const purgedEarly = earliestPurge.getTime() < dueAt.getTime();
    const waveSeconds = (last._max.finishedAt!.getTime() - dueAt.getTime()) / 1000;
    const purgeRate = expected / waveSeconds;
    log(
      `wave: ${N} purges in ${waveSeconds.toFixed(1)} s after the due time = ${purgeRate.toFixed(1)}/s; peak RSS ${rss.peak().toFixed(0)} MB`,
    );

    // Baseline: N workflows of one no-op activity each, started as fast as the client manages.
    const t0 = Date.now();
    await pooled([...Array(N).keys()], C, (i) =>
      temporal.workflow.start('oneActivityWorkflow', { taskQueue: stack.baselineQueue, workflowId: `one-activity-${i}` }),
    );
    await until(
      'baseline workflows',
      async () => (await temporal.workflow.count(`TaskQueue = "${stack.baselineQueue}" AND ExecutionStatus = "Completed"`)).count >= N,
    );
    const baselineRate = N / ((Date.now() - t0) / 1000);
    log(`baseline: ${baselineRate.toFixed(1)} one-activity workflows/s`);

    // Correctness.
    const perUser = await db.evidence.groupBy({
      by: ['subjectId'],
      where: { subjectKind: 'user', action: 'purge' },
      _count: { _all: true },
    });
    const duplicates = perUser.filter((g) => g._count._all !== 1).length;
    const purged = await db.userAccount.count({ where: { status: 'purged' } });
    const left = await personalDataLeft(db);
    const running = (await temporal.workflow.count(`TaskQueue = "${stack.taskQueue}" AND ExecutionStatus = "Running"`)).count;
    const ratio = purgeRate / baselineRate;
    const targets = { ratio: ratio >= 0.5, rssPeak: rss.peak() <= 300, notEarly: !purgedEarly };
    const ok =
      terminationsFailed === 0 &&
      purged === N &&
      perUser.length === N &&
      duplicates === 0 &&
      left.total === 0 &&
      running === 0 &&
      !overlap &&
      Object.values(targets).every(Boolean);
    console.log(
      [
        '',
        `  users ${N}, quarantine ${opts.quarantine}, concurrency ${C}, worker tuning ${JSON.stringify(tuning)}`,
        `  purges/s ${purgeRate.toFixed(1)}, one-activity workflows/s ${baselineRate.toFixed(1)}, ratio ${ratio.toFixed(2)} (target ≥ 0.5)`,
        `  worker RSS: idle ${idle.rssMb.toFixed(0)} MB, ${N} asleep ${asleep.rssMb.toFixed(0)} MB, wave peak ${rss.peak().toFixed(0)} MB (target ≤ 300 MB)`,
        `  Temporal DB: idle ${idle.temporalDbMb.toFixed(1)} MB, ${N} asleep ${asleep.temporalDbMb.toFixed(1)} MB`,
        `  purged ${purged}, with one evidence record ${perUser.length - duplicates}, duplicates ${duplicates}, personal values left ${left.total}, lifecycles still running ${running}`,
        `  earliest purge ${earliestPurge.toISOString()}, due ${dueAt.toISOString()}: ${purgedEarly ? 'EARLY' : 'not before its due time'}; targets ${JSON.stringify(targets)}`,
        '',
      ].join('\n'),
    );
    saveResult('purge-wave', {
      users: N,
      quarantine: opts.quarantine,
      concurrency: C,
      tuning,
      terminationRate,
      purgeRate,
      baselineRate,
      ratio,
      waveSeconds,
      idle,
      asleep,
      rssPeakMb: rss.peak(),
      rssSamples: rss.samples,
      purged,
      duplicates,
      personalLeft: left,
      running,
      dueAt,
      earliestPurge,
      targets,
      ok,
    });
    log(ok ? 'PASS' : 'FAIL');
    process.exitCode = ok ? 0 : 1;
  } finally {
    if (process.env.BENCH_MEMORY_LOG) console.log(stack.worker.lines.filter((l) => l.startsWith('memory')).join('\n'));
    await temporal.connection.close();
    await db.$disconnect();
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
