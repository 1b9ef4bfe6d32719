// `npm run bench:cluster-drills [-- --users 1000 --only history-kill]`: faults on the production
// topology (bench/support/clusterStack.ts: Temporal as four services on Postgres, two workers, two
// APIs), one cluster for all drills, each drill on its own users, every wait bounded:
//   history-kill     SIGKILL the Temporal history service mid-wave, start it again 5 s later;
//   worker-kill      SIGKILL one of the two workers mid-wave; the other finishes the wave;
//   postgres-outage  stop Postgres (Temporal's and the app's) for 30 s mid-wave, start it again;
//   api-restart      restart the two APIs one after the other (SIGTERM, as a rollout does) while a
//                    client terminates the drill's users through the service API, retrying on 503
//                    and on a refused connection (moving to the other API, as a load balancer would).
// After each: every user purged exactly once, one evidence record each, no personal value left in
// the user tables, every lifecycle completed. Saves bench/results/cluster-drills.json.
import { parseArgs } from 'node:util';
import { terminateUpdate, userWorkflowId } from '../lifecycles/user/contract';
import { createLifecycleClient } from '../lifecycles/client';
import { userKind } from '../lifecycles/user/kind';
import { addIsoDuration } from '../policy/duration';
import { loadResult, pooled, saveResult } from './support/benchStack';
import { startClusterBench, type ClusterBench } from './support/clusterStack';
import { personalDataLeft } from './support/personalData';
import { seedUsers } from './support/seed';
import { pollUntil } from './support/until';

const { values: opts } = parseArgs({
  options: {
    users: { type: 'string', default: '1000' },
    quarantine: { type: 'string', default: 'PT3M' },
    outage: { type: 'string', default: '30' },
    only: { type: 'string' },
  },
});
const N = Number(opts.users);
const log = (m: string) => console.log(`[cluster-drills] ${new Date().toISOString().slice(11, 19)} ${m}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// A check fails while Postgres is down: that is the drill, not the answer.
const until = (what: string, check: () => Promise<boolean>, limitMs = 15 * 60_000) =>
  pollUntil(what, check, { limitMs, everyMs: 500, tolerateErrors: true });

interface DrillRun {
  bench: ClusterBench;
  ids: string[];
  dueAt: Date;
  purged(): Promise<number>;
}

interface Drill {
  name: string;
  /** Terminates the drill's users itself (default: through the lifecycle client before the fault). */
  terminatesThroughApi?: boolean;
  /** Runs the fault; answers what happened, in words. */
  fault(run: DrillRun): Promise<{ what: string; calls?: ApiCalls }>;
}

/** Waits for the wave and for a fifth of it to be purged: the fault lands mid-wave. */
async function midWave(run: DrillRun): Promise<number> {
  await sleep(Math.max(0, run.dueAt.getTime() - Date.now()));
  await until('the wave to be under way', async () => (await run.purged()) >= N / 5);
  return run.purged();
}

const drills: Drill[] = [
  {
    name: 'history-kill',
    async fault(run) {
      const before = await midWave(run);
      const t = Date.now();
      await run.bench.cluster.drill.kill('temporal-history');
      await sleep(5_000);
      await run.bench.cluster.drill.restart('temporal-history');
      return {
        what: `temporal-history SIGKILLed with ${before}/${N} purged, serving again after ${((Date.now() - t) / 1000).toFixed(1)} s`,
      };
    },
  },
  {
    name: 'worker-kill',
    async fault(run) {
      const before = await midWave(run);
      await run.bench.cluster.drill.kill('worker-1');
      // The other worker finishes the wave alone; worker-1 comes back for the next drill.
      await until('every purge, on worker-2 alone', async () => (await run.purged()) >= N);
      await run.bench.cluster.drill.restart('worker-1');
      return { what: `worker-1 SIGKILLed with ${before}/${N} purged; worker-2 finished the wave; worker-1 restarted after` };
    },
  },
  {
    name: 'postgres-outage',
    async fault(run) {
      const before = await midWave(run);
      const t = Date.now();
      await run.bench.cluster.drill.kill('postgres');
      await sleep(Number(opts.outage) * 1000);
      await run.bench.cluster.drill.restart('postgres');
      return { what: `Postgres down ${((Date.now() - t) / 1000).toFixed(1)} s, from ${before}/${N} purged` };
    },
  },
  {
    name: 'api-restart',
    terminatesThroughApi: true,
    async fault(run) {
      const calls = newCalls();
      const terminations = terminateThroughApi(run, calls);
      // Once the client is under way, each API in turn: SIGTERM (drains, then exits), start, healthy.
      const restarted: string[] = [];
      await until('the client to be under way', async () => calls.ok >= N / 10);
      for (const api of ['api-1', 'api-2']) {
        const t = Date.now();
        await run.bench.cluster.drill.stop(api);
        await run.bench.cluster.drill.restart(api);
        restarted.push(`${api} ${((Date.now() - t) / 1000).toFixed(1)} s`);
      }
      await terminations;
      return {
        what: `both APIs restarted in turn (${restarted.join(', ')}) during ${calls.ok + calls.failed} terminations through the service API`,
        calls,
      };
    },
  },
];

interface ApiCalls {
  ok: number;
  /** Gave up: an answer other than 2xx/503, or still refused after every retry. */
  failed: number;
  /** Answered 503 (draining or a backend down) and retried. */
  retried503: number;
  /** Connection refused (an API down) and retried on the other API. */
  retriedRefused: number;
  firstFailure?: string;
}
const newCalls = (): ApiCalls => ({ ok: 0, failed: 0, retried503: 0, retriedRefused: 0 });

/** The drill's users terminated by 8 callers through both APIs in turn, each call retried up to 10 times. */
async function terminateThroughApi(run: DrillRun, calls: ApiCalls): Promise<void> {
  const urls = run.bench.cluster.apiUrls;
  let turn = 0;
  await pooled(run.ids, 8, async (id) => {
    for (let attempt = 1; ; attempt++) {
      const base = urls[turn++ % urls.length]!;
      try {
        const res = await fetch(`${base}/api/v1/users/${id}/termination`, {
          method: 'POST',
          headers: { authorization: `Bearer ${run.bench.tokens.service}`, 'content-type': 'application/json' },
          body: JSON.stringify({ reasonCode: 'employee-left' }),
        });
        await res.text();
        if (res.ok) return void calls.ok++;
        if (res.status !== 503 || attempt >= 10) {
          calls.failed++;
          calls.firstFailure ??= `${res.status} from ${base}`;
          return;
        }
        calls.retried503++;
      } catch (err) {
        if (attempt >= 10) {
          calls.failed++;
          calls.firstFailure ??= `${(err as Error).message} from ${base}`;
          return;
        }
        calls.retriedRefused++;
      }
      await sleep(250 * attempt);
    }
  });
}

async function runDrill(bench: ClusterBench, drill: Drill) {
  const { db, temporal, config } = bench;
  const lifecycles = createLifecycleClient(userKind, {
    temporal,
    taskQueue: config.temporal.taskQueue,
    policy: config.policy,
    timeoutMs: 120_000,
  });
  const t0 = Date.now();
  const ids = await seedUsers(db, N);
  const terminatedAt = new Date();
  const dueAt = addIsoDuration(terminatedAt, opts.quarantine!);
  const purged = () => db.evidence.count({ where: { subjectKind: 'user', action: 'purge', subjectId: { in: ids } } });
  const run: DrillRun = { bench, ids, dueAt, purged };
  if (!drill.terminatesThroughApi) {
    const terminate = (id: string) =>
      lifecycles.updateWithStart(id, null, terminateUpdate, { terminatedAt: terminatedAt.toISOString(), reason: 'employee-left' });
    await pooled(ids, 50, terminate);
    // A termination that timed out on a busy machine is repeated (idempotent): the drill fails for the fault's sake only.
    const left = (await db.userAccount.findMany({ where: { id: { in: ids }, status: 'active' }, select: { id: true } })).map((u) => u.id);
    if (left.length) await pooled(left, 5, terminate);
    log(`${drill.name}: ${N} terminated in ${((Date.now() - t0) / 1000).toFixed(0)} s, purge due ${dueAt.toISOString().slice(11, 19)}`);
  }
  const { what, calls } = await drill.fault(run);
  log(`${drill.name}: ${what}`);
  await until('every purge', async () => (await purged()) >= N);
  // The wave, fault included: from the due time (the first termination, through the API) to the last purge.
  const span = await db.evidence.aggregate({
    where: { subjectKind: 'user', action: 'purge', subjectId: { in: ids } },
    _max: { finishedAt: true },
    _min: { triggeredAt: true },
  });
  const waveStart = drill.terminatesThroughApi ? addIsoDuration(span._min.triggeredAt ?? dueAt, opts.quarantine!) : dueAt;
  const waveSeconds = Math.round((span._max.finishedAt!.getTime() - waveStart.getTime()) / 1000);
  // Nothing stuck: every lifecycle of the drill completed (asked of Temporal, one by one).
  const notCompleted: string[] = [];
  await until(
    'every lifecycle to complete',
    async () => {
      notCompleted.length = 0;
      await pooled(ids, 20, async (id) => {
        const d = await temporal.workflow.getHandle(userWorkflowId(id)).describe();
        if (d.status.name !== 'COMPLETED') notCompleted.push(`${id}:${d.status.name}`);
      });
      return notCompleted.length === 0;
    },
    5 * 60_000,
  ).catch(() => {});
  const perUser = await db.evidence.groupBy({
    by: ['subjectId'],
    where: { subjectKind: 'user', action: 'purge', subjectId: { in: ids } },
    _count: { _all: true },
  });
  const result = {
    drill: drill.name,
    fault: what,
    users: N,
    purged: await db.userAccount.count({ where: { id: { in: ids }, status: 'purged' } }),
    withOneEvidence: perUser.filter((g) => g._count._all === 1).length,
    duplicates: perUser.filter((g) => g._count._all !== 1).length,
    personalLeft: (await personalDataLeft(db)).total,
    notCompleted: notCompleted.length,
    ...(calls ? { apiCalls: calls } : {}),
    waveSeconds,
    seconds: Math.round((Date.now() - t0) / 1000),
  };
  const ok =
    result.purged === N &&
    result.withOneEvidence === N &&
    result.duplicates === 0 &&
    result.personalLeft === 0 &&
    result.notCompleted === 0 &&
    (calls?.failed ?? 0) === 0;
  log(`${drill.name}: ${ok ? 'PASS' : 'FAIL'} ${JSON.stringify(result)}`);
  return { ...result, ok };
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const bench = await startClusterBench({
    workers: 2,
    apis: 2,
    baseline: false,
    appSettings: { RETENTION_USER_QUARANTINE: opts.quarantine! },
  });
  const results = [];
  try {
    for (const drill of drills.filter((d) => !opts.only || opts.only.split(',').includes(d.name))) {
      results.push(await runDrill(bench, drill).catch((err: Error) => ({ drill: drill.name, ok: false, error: err.message })));
    }
  } finally {
    await bench.stop();
  }
  console.log('\n' + results.map((r) => `  ${r.ok ? 'PASS' : 'FAIL'}  ${JSON.stringify(r)}`).join('\n') + '\n');
  // With --only, keep the other drills' latest results.
  const ran = new Set(results.map((r) => r.drill));
  const previous = opts.only ? (loadResult('cluster-drills')?.results ?? []).filter((r: { drill: string }) => !ran.has(r.drill)) : [];
  saveResult('cluster-drills', {
    topology: 'Temporal 1.29.1 as four services on embedded Postgres, 2 workers, 2 APIs',
    users: N,
    quarantine: opts.quarantine,
    minutes: Math.round((Date.now() - t0) / 6000) / 10,
    results: [...previous, ...results],
  });
  process.exitCode = results.every((r) => r.ok) ? 0 : 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
