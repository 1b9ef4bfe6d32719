// `npm run bench:scale-out [-- --users 300 --quarantine PT3S]`: two worker processes on one task
// queue share a burst of terminations; one is killed with SIGKILL mid-burst; every user must still
// be purged exactly once, with exactly one evidence record. Prints the split per worker.
//
// Runs on its own Postgres and in-memory Temporal dev server (free ports, temp dir), and starts the
// workers as the Docker image does (`node --import tsx worker/main.ts`). A timing goal lives here,
// not in a test: the 2-core CI box is too noisy for timed assertions.
import { parseArgs } from 'node:util';
import { fakerNB_NO as faker } from '@faker-js/faker';
import { createLifecycleClient } from '../lifecycles/client';
import { userKind } from '../lifecycles/user/kind';
import { loadConfig } from '../config/env';
import { createDb } from '../db/client';
import { getFreePort } from '../scripts/ports';
import { createTemporalClient } from '../temporal/client';
import { terminateUpdate } from '../lifecycles/user/contract';
import { startAppProcess, type AppProcess } from '../testkit/appProcess';
import { startServers } from '../testkit/servers';
import { uniqueId } from '../testkit/ids';
import { saveResult } from './support/benchStack';

const { values: opts } = parseArgs({
  options: {
    users: { type: 'string', default: '300' },
    quarantine: { type: 'string', default: 'PT3S' },
    concurrency: { type: 'string', default: '25' },
  },
});
const USERS = Number(opts.users);
const CONCURRENCY = Number(opts.concurrency);
const log = (msg: string) => console.log(`[scale-out] ${msg}`);
const since = (t: number) => `${((Date.now() - t) / 1000).toFixed(1)} s`;

/** Sum of a metric's samples over all label sets, from a Prometheus text page. */
function metricSum(page: string, name: string): number {
  const re = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'gm');
  return [...page.matchAll(re)].reduce((sum, m) => sum + Number(m[1]), 0);
}

async function scrape(port: string): Promise<string> {
  return fetch(`http://127.0.0.1:${port}/metrics`).then(
    (r) => r.text(),
    () => '',
  );
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const stack = await startServers({ temporal: true });
  const workers: AppProcess[] = [];
  const db = createDb(stack.databaseUrl);
  try {
    log(`Postgres + Temporal dev server ready in ${since(t0)}`);
    const base = {
      NODE_ENV: 'test',
      DATABASE_URL: stack.databaseUrl,
      TEMPORAL_ADDRESS: stack.temporalAddress!,
      TEMPORAL_TASK_QUEUE: uniqueId('scale-out'),
      RETENTION_USER_QUARANTINE: opts.quarantine!,
      LOG_LEVEL: 'info',
    };

    // Users with realistic personal data, seeded in bulk.
    const customerId = uniqueId('cust');
    await db.customer.create({ data: { id: customerId, type: 'business', name: faker.company.name() } });
    const users = Array.from({ length: USERS }, () => ({
      id: uniqueId('user'),
      customerId,
      firstName: faker.person.firstName(),
      lastName: faker.person.lastName(),
      email: faker.internet.email(),
      phone: `+47 9${faker.string.numeric(7)}`,
    }));
    await db.userAccount.createMany({ data: users });
    await db.loginFactor.createMany({ data: users.map((u) => ({ userId: u.id, phone: u.phone })) });
    log(`seeded ${USERS} users`);

    const ports = [String(await getFreePort()), String(await getFreePort())];
    for (const port of ports) workers.push(startAppProcess('worker/main.ts', { ...base, METRICS_PORT: port }, { viaNodeImport: true }));
    await Promise.all(workers.map((w) => w.waitFor(/worker polling/, 120_000)));
    log(`two workers polling task queue ${base.TEMPORAL_TASK_QUEUE} (metrics on ports ${ports.join(' and ')})`);

    const config = loadConfig(base);
    const temporal = await createTemporalClient(config);
    // Generous: an activity that was running on the killed worker is retried only after its
    // start-to-close timeout (1 minute), and the update waits for it.
    const lifecycles = createLifecycleClient(userKind, {
      temporal,
      taskQueue: config.temporal.taskQueue,
      policy: config.policy,
      timeoutMs: 180_000,
    });

    let acknowledged = 0;
    let failed = 0;
    let killedAt: { acknowledged: number; evidence: number; metrics: string } | undefined;
    let killing = false; // set synchronously: many fire loops reach the halfway mark at once
    const burstStart = Date.now();
    const queue = [...users];
    const purgedSoFar = () => db.evidence.count({ where: { subjectId: { in: users.map((u) => u.id) }, action: 'purge' } });
    // Mid-burst: half the terminations acknowledged and the first purges done, so B dies with
    // deactivations and purges in flight.
    const killB = async () => {
      for (let i = 0; i < 100 && (await purgedSoFar()) === 0; i++) await new Promise((r) => setTimeout(r, 100));
      const metrics = await scrape(ports[1]!);
      const evidence = await purgedSoFar();
      killedAt = { acknowledged, evidence, metrics };
      workers[1]!.signal('SIGKILL');
      log(`SIGKILL worker B after ${since(burstStart)}: ${acknowledged}/${USERS} terminations acknowledged, ${evidence} purged so far`);
    };
    const fire = async () => {
      for (let u = queue.shift(); u; u = queue.shift()) {
        try {
          await lifecycles.updateWithStart(u.id, customerId, terminateUpdate, {
            terminatedAt: new Date().toISOString(),
            reason: 'scale-out bench',
          });
          acknowledged++;
        } catch (err) {
          failed++;
          log(`termination of ${u.id} failed: ${(err as Error).message}`);
        }
        if (!killing && acknowledged >= USERS / 2) {
          killing = true;
          await killB();
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, fire));
    log(`burst of ${USERS} terminations acknowledged in ${since(burstStart)} (${failed} failed)`);

    // Every user purged, each with exactly one evidence record.
    const ids = users.map((u) => u.id);
    let purged = 0;
    const deadline = Date.now() + 5 * 60_000;
    while (Date.now() < deadline) {
      purged = await db.userAccount.count({ where: { id: { in: ids }, status: 'purged' } });
      if (purged === USERS) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    // Purge records only: each verified purge also has its post-purge verification record.
    const perUser = await db.evidence.groupBy({
      by: ['subjectId'],
      where: { subjectId: { in: ids }, action: 'purge' },
      _count: { _all: true },
    });
    const duplicates = perUser.filter((g) => g._count._all !== 1).length;
    const withoutEvidence = USERS - perUser.length;
    const leftovers = await db.userAccount.count({ where: { id: { in: ids }, NOT: { email: null } } });
    const factors = await db.loginFactor.count({ where: { userId: { in: ids } } });
    log(`all done ${since(burstStart)} after the burst began`);

    const finalA = await scrape(ports[0]!);
    const row = (name: string, page: string, metric: string) => `${name.padEnd(34)}${String(metricSum(page, metric)).padStart(8)}`;
    console.log(
      [
        '',
        `  split per worker (from each worker's /metrics; B's as scraped just before SIGKILL)`,
        `  ${''.padEnd(34)}${'A'.padStart(8)}${'B'.padStart(8)}`,
        ...[
          ['deactivations (account changed)', 'nitd_deactivations_total'],
          ['purges', 'nitd_purges_completed_total'],
          ['activity tasks (SDK)', 'temporal_activity_execution_latency_count'],
          ['workflow tasks (SDK)', 'temporal_workflow_task_execution_latency_count'],
        ].map(([label, metric]) => `  ${row(label!, finalA, metric!)}${String(metricSum(killedAt?.metrics ?? '', metric!)).padStart(8)}`),
        '',
        `  users ${USERS}, purged ${purged}, exactly one evidence each: ${USERS - duplicates - withoutEvidence}`,
        `  duplicates ${duplicates}, without evidence ${withoutEvidence}, personal fields left ${leftovers}, login factors left ${factors}`,
        '',
      ].join('\n'),
    );
    const ok = purged === USERS && duplicates === 0 && withoutEvidence === 0 && leftovers === 0 && factors === 0 && failed === 0;
    const split = (page: string, metric: string) => metricSum(page, metric);
    saveResult('scale-out', {
      users: USERS,
      concurrency: CONCURRENCY,
      burstSeconds: (Date.now() - burstStart) / 1000,
      failed,
      purged,
      duplicates,
      withoutEvidence,
      personalLeft: leftovers,
      loginFactorsLeft: factors,
      perWorker: {
        A: {
          purges: split(finalA, 'nitd_purges_completed_total'),
          activityTasks: split(finalA, 'temporal_activity_execution_latency_count'),
        },
        B: {
          purges: split(killedAt?.metrics ?? '', 'nitd_purges_completed_total'),
          activityTasks: split(killedAt?.metrics ?? '', 'temporal_activity_execution_latency_count'),
        },
      },
      ok,
    });
    log(ok ? 'PASS: nothing lost, nothing done twice' : 'FAIL');
    await temporal.connection.close();
    process.exitCode = ok ? 0 : 1;
  } finally {
    const t = Date.now();
    for (const w of workers) w.signal('SIGTERM');
    await Promise.all(workers.map((w) => Promise.race([w.exited, new Promise((r) => setTimeout(r, 40_000))])));
    log(`workers stopped in ${since(t)}`);
    await db.$disconnect();
    await stack.stop();
    log(`servers stopped in ${since(t)}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
