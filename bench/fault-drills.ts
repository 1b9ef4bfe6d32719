// `npm run bench:fault-drills [-- --users 1000 --only worker-kill]`: three faults during a wave of
// purges, each on a fresh stack (embedded Postgres, dev server on a SQLite file, the bench worker),
// loopback only, every wait bounded:
//   worker-kill       SIGKILL the worker mid-wave, start a new one;
//   temporal-restart  stop the dev server while the lifecycles sleep, start it on its SQLite file;
//   postgres-outage   stop Postgres for 30 s mid-wave, start it again.
// After each: every user purged exactly once, one evidence record each, no personal value left in
// any personal column of the user tables, no lifecycle still running. Saves bench/results/fault-drills.json.
import { parseArgs } from 'node:util';
import { createLifecycleClient } from '../lifecycles/client';
import { userKind } from '../lifecycles/user/kind';
import { loadConfig } from '../config/env';
import { createDb, type Db } from '../db/client';
import { addIsoDuration } from '../policy/duration';
import { createTemporalClient } from '../temporal/client';
import { terminateUpdate } from '../lifecycles/user/contract';
import { loadResult, pooled, saveResult, startBenchStack, type BenchStack } from './support/benchStack';
import { personalDataLeft } from './support/personalData';
import { seedUsers } from './support/seed';
import { pollUntil } from './support/until';

const { values: opts } = parseArgs({
  options: {
    users: { type: 'string', default: '1000' },
    quarantine: { type: 'string', default: 'PT2M' },
    outage: { type: 'string', default: '30' },
    only: { type: 'string' },
  },
});
const N = Number(opts.users);
const log = (m: string) => console.log(`[fault-drills] ${new Date().toISOString().slice(11, 19)} ${m}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// A check fails while Postgres is down: that is the drill, not the answer.
const until = (what: string, check: () => Promise<boolean>, limitMs = 15 * 60_000) =>
  pollUntil(what, check, { limitMs, everyMs: 500, tolerateErrors: true });

const purges = (db: Db) => db.evidence.count({ where: { subjectKind: 'user', action: 'purge' } });

interface Drill {
  name: string;
  /** Runs the fault once the terminations are in and the wave is due at `dueAt`. */
  fault(stack: BenchStack, db: Db, dueAt: Date): Promise<string>;
}

const drills: Drill[] = [
  {
    name: 'worker-kill',
    async fault(stack, db, dueAt) {
      await sleep(Math.max(0, dueAt.getTime() - Date.now()));
      await until('the wave to be under way', async () => (await purges(db)) >= N / 5);
      const before = await purges(db);
      stack.worker.signal('SIGKILL');
      await stack.worker.exited;
      await stack.startWorker();
      return `SIGKILL with ${before}/${N} purged; new worker polling`;
    },
  },
  {
    name: 'temporal-restart',
    async fault(stack, db, dueAt) {
      const downAt = Date.now();
      await stack.restartTemporal(5_000);
      const asleep = dueAt.getTime() - Date.now();
      return `dev server down ${((Date.now() - downAt) / 1000).toFixed(1)} s while ${N} lifecycles slept (${await purges(db)} purged, wave due in ${(asleep / 1000).toFixed(0)} s)`;
    },
  },
  {
    name: 'postgres-outage',
    async fault(stack, db, dueAt) {
      await sleep(Math.max(0, dueAt.getTime() - Date.now()));
      await until('the wave to be under way', async () => (await purges(db)) >= N / 5);
      const before = await purges(db);
      const downAt = Date.now();
      await stack.restartPostgres(Number(opts.outage) * 1000);
      return `Postgres down ${((Date.now() - downAt) / 1000).toFixed(1)} s, from ${before}/${N} purged`;
    },
  },
];

async function runDrill(drill: Drill) {
  const stack = await startBenchStack({ RETENTION_USER_QUARANTINE: opts.quarantine! });
  const db = createDb(stack.databaseUrl);
  const config = loadConfig(stack.env);
  const temporal = await createTemporalClient(config);
  const lifecycles = createLifecycleClient(userKind, {
    temporal,
    taskQueue: config.temporal.taskQueue,
    policy: config.policy,
    timeoutMs: 120_000,
  });
  const t0 = Date.now();
  try {
    const ids = await seedUsers(db, N);
    const terminatedAt = new Date();
    const dueAt = addIsoDuration(terminatedAt, opts.quarantine!);
    const terminate = (id: string) =>
      lifecycles.updateWithStart(id, null, terminateUpdate, { terminatedAt: terminatedAt.toISOString(), reason: 'fault drill' });
    await pooled(ids, 50, terminate);
    // An overloaded box can time out a termination before it lands: repeat those (idempotent), so
    // every subject is terminated before the fault and a drill fails only for the fault's sake.
    const unterminated = (await db.userAccount.findMany({ where: { id: { in: ids }, status: 'active' }, select: { id: true } })).map(
      (u) => u.id,
    );
    if (unterminated.length) await pooled(unterminated, 5, terminate);
    log(
      `${drill.name}: ${N} terminated, purge due ${dueAt.toISOString().slice(11, 19)}${Date.now() > dueAt.getTime() ? ' (already passed)' : ''}`,
    );
    const what = await drill.fault(stack, db, dueAt);
    log(`${drill.name}: ${what}`);
    await until('every purge', async () => (await purges(db)) >= N);
    await until(
      'every lifecycle to finish',
      async () => (await temporal.workflow.count(`TaskQueue = "${stack.taskQueue}" AND ExecutionStatus = "Running"`)).count === 0,
      5 * 60_000,
    ).catch(() => {});
    const perUser = await db.evidence.groupBy({
      by: ['subjectId'],
      where: { subjectKind: 'user', action: 'purge' },
      _count: { _all: true },
    });
    const result = {
      drill: drill.name,
      fault: what,
      users: N,
      purged: await db.userAccount.count({ where: { status: 'purged' } }),
      withOneEvidence: perUser.filter((g) => g._count._all === 1).length,
      duplicates: perUser.filter((g) => g._count._all !== 1).length,
      personalLeft: (await personalDataLeft(db)).total,
      stillRunning: (await temporal.workflow.count(`TaskQueue = "${stack.taskQueue}" AND ExecutionStatus = "Running"`)).count,
      seconds: (Date.now() - t0) / 1000,
    };
    const ok =
      result.purged === N &&
      result.withOneEvidence === N &&
      result.duplicates === 0 &&
      result.personalLeft === 0 &&
      result.stillRunning === 0;
    log(`${drill.name}: ${ok ? 'PASS' : 'FAIL'} ${JSON.stringify(result)}`);
    return { ...result, ok };
  } finally {
    await temporal.connection.close();
    await db.$disconnect();
    await stack.stop();
  }
}

async function main(): Promise<void> {
  const results = [];
  for (const drill of drills.filter((d) => !opts.only || d.name === opts.only)) {
    results.push(await runDrill(drill).catch((err: Error) => ({ drill: drill.name, ok: false, error: err.message })));
  }
  console.log('\n' + results.map((r) => `  ${r.ok ? 'PASS' : 'FAIL'}  ${JSON.stringify(r)}`).join('\n') + '\n');
  // With --only, keep the other drills' latest results.
  const previous = opts.only ? (loadResult('fault-drills')?.results ?? []).filter((r: { drill: string }) => r.drill !== opts.only) : [];
  saveResult('fault-drills', { users: N, quarantine: opts.quarantine, results: [...previous, ...results] });
  process.exitCode = results.every((r) => r.ok) ? 0 : 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
