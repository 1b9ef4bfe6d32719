// `npm run bench:cluster-purge-wave [-- --users 3000 --quarantine PT5M --concurrency 50]`: the purge
// wave on the production topology (bench/support/clusterStack.ts: Temporal 1.29.1 as four services on
// Postgres, two app workers), with one worker and with two, each beside its no-op baseline, on ONE
// cluster in one run:
//   phase 1  worker-2 stopped: N users seeded and terminated at one instant (lifecycle client,
//            concurrency C), sleeping cost measured while they sleep, then the wave; then N
//            one-activity workflows on one baseline worker, all due at one instant;
//   phase 2  worker-2 started again and a second baseline worker: the same with N new users.
// Both the wave and the baseline are counted the same way: every workflow's work falls due at one
// instant (the product: the quarantine's end; the baseline: a start delay ending at one instant), and
// the rate is N / (last close_time in Temporal's visibility table − due instant): same store, same
// clock, start latency excluded for both. The product is also timed by its evidence (last
// finishedAt − dueAt). Terminations/s (update-with-start, answered by a worker) are compared with the
// baseline's starts/s, both through pooled() at the same concurrency, call to call.
// Saves bench/results/cluster-purge-wave.json.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { temporal as proto } from '@temporalio/proto';
import { createLifecycleClient } from '../lifecycles/client';
import { terminateUpdate, userWorkflowId } from '../lifecycles/user/contract';
import { userKind } from '../lifecycles/user/kind';
import { createDb, type Db } from '../db/client';
import { addIsoDuration } from '../policy/duration';
import { startAppProcess, type AppProcess } from '../testkit/appProcess';
import { pooled, rssMb, sampleRss, saveResult } from './support/benchStack';
import { startClusterBench } from './support/clusterStack';
import { personalDataLeft } from './support/personalData';
import { seedUsers } from './support/seed';
import { pollUntil } from './support/until';

const { values: opts } = parseArgs({
  options: {
    users: { type: 'string', default: '3000' },
    // Default: long enough for N terminations at 12/s, plus a minute.
    quarantine: { type: 'string' },
    concurrency: { type: 'string', default: '50' },
  },
});
const N = Number(opts.users);
const C = Number(opts.concurrency);
const Q = opts.quarantine ?? `PT${Math.ceil(N / 12) + 60}S`;
const TARGETS = {
  scaling: 1.6,
  productOverBaseline: 0.8,
  terminationsOverStarts: 0.5,
  bytesPerSleeper: 10_000,
  idleRssMb: 120,
  peakRssMb: 250,
};
const log = (m: string) => console.log(`[bench:cluster-purge-wave] ${new Date().toISOString().slice(11, 19)} ${m}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const loadavg = () => fs.readFileSync('/proc/loadavg', 'utf8').trim();

const until = (what: string, check: () => Promise<boolean>, limitMs = 30 * 60_000) => pollUntil(what, check, { limitMs, everyMs: 1000 });

/** Completed workflows in Temporal's visibility table: count and last close time (ms since epoch). */
async function closed(
  vis: Db,
  taskQueue: string,
  idLike: string,
  since: Date,
): Promise<{ n: number; firstMs: number | null; lastMs: number | null }> {
  const [row] = await vis.$queryRawUnsafe<[{ n: bigint; first: number | null; last: number | null }]>(
    `SELECT count(*)::bigint AS n,
            (extract(epoch FROM min(close_time)) * 1000)::float8 AS first,
            (extract(epoch FROM max(close_time)) * 1000)::float8 AS last
       FROM executions_visibility
      WHERE task_queue = $1 AND workflow_id LIKE $2 AND status = 2 AND start_time >= $3::timestamp`,
    taskQueue,
    idLike,
    since.toISOString().replace('T', ' ').replace('Z', ''),
  );
  return { n: Number(row.n), firstMs: row.first, lastMs: row.last };
}

interface Phase {
  workers: number;
  loadavg: string;
  terminations: { rate: number; failed: number; retried: number; seconds: number };
  dueAt: string;
  overlap: boolean;
  wave: {
    byVisibility: { rate: number; seconds: number };
    byEvidence: { rate: number; seconds: number };
    rssPeakMb: Record<string, number>;
    completedHistory: { events: number; byType: Record<string, number> };
  };
  baseline: {
    starts: { rate: number; failed: number; seconds: number };
    noopExecuted: { rate: number; failed: number };
    dueAt: string;
    overlap: boolean;
    byVisibility: { rate: number; seconds: number };
  };
  ratio: number;
  /** Purges/s by evidence over the baseline's closes/s: the product timed at its purge, not at its close. */
  ratioByEvidence: number;
  correctness: {
    purged: number;
    withOneEvidence: number;
    duplicates: number;
    earliestStartedAt: string;
    earliestFinishedAt: string;
    beforeDue: number;
    running: number;
  };
}

async function main(): Promise<void> {
  const loadStart = loadavg();
  log(`load average at start: ${loadStart}; users ${N}, quarantine ${Q}, concurrency ${C}`);
  const bench = await startClusterBench({ workers: 2, apis: 1, appSettings: { RETENTION_USER_QUARANTINE: Q } });
  const { db, temporal, config, cluster } = bench;
  const visUrl = new URL(cluster.databaseUrl);
  visUrl.pathname = '/temporal_visibility';
  const vis = createDb(visUrl.toString());
  const lifecycles = createLifecycleClient(userKind, {
    temporal,
    taskQueue: config.temporal.taskQueue,
    policy: config.policy,
    timeoutMs: 300_000,
  });
  let secondBaseline: AppProcess | undefined;
  const phases: Phase[] = [];
  let sleeping: Record<string, unknown> = {};
  try {
    await cluster.drill.stop('worker-2');
    log('worker-2 stopped: phase 1 runs on worker-1 alone');

    for (const workers of [1, 2]) {
      if (workers === 2) {
        await cluster.drill.restart('worker-2');
        secondBaseline = startAppProcess(
          'bench/support/baselineWorker.ts',
          { TEMPORAL_ADDRESS: cluster.frontendAddress, TEMPORAL_NAMESPACE: cluster.namespace, BASELINE_TASK_QUEUE: bench.baselineQueue },
          { viaNodeImport: true },
        );
        await secondBaseline.waitFor(/baseline worker polling/, 180_000);
        log('worker-2 and a second baseline worker running: phase 2 on two of each');
      }
      const phaseLoad = loadavg();
      const ids = await seedUsers(db, N);
      await sleep(5_000);
      const idle = { bytes: await bench.temporalDbBytes(), rssMb: rssMb(cluster.pidOf('worker-1')!), tables: await bench.temporalTables() };

      // Terminations, all at one termination time: the quarantines end together.
      const terminatedAt = new Date();
      const since = new Date(terminatedAt.getTime() - 1000);
      const dueAt = addIsoDuration(terminatedAt, Q);
      const terminate = (id: string) =>
        lifecycles.updateWithStart(id, null, terminateUpdate, {
          terminatedAt: terminatedAt.toISOString(),
          reason: 'cluster purge wave bench',
        });
      const tt0 = Date.now();
      const t = await pooled(ids, C, terminate);
      const terminationSeconds = (Date.now() - tt0) / 1000;
      // A termination that failed after pooled()'s retries is repeated (idempotent), outside the rate.
      const left = (await db.userAccount.findMany({ where: { id: { in: ids }, status: 'active' }, select: { id: true } })).map((u) => u.id);
      if (left.length) await pooled(left, 5, terminate);
      const overlap = Date.now() > dueAt.getTime();
      log(
        `${workers} worker(s): ${N} terminations at ${t.rate.toFixed(1)}/s (${t.failed} failed, ${left.length} repeated); due ${dueAt.toISOString()}${overlap ? ' (ALREADY PASSED: raise --quarantine)' : ''}`,
      );

      if (workers === 1) {
        // Sleeping cost: Temporal's Postgres and worker-1 with N asleep (worker-2 is stopped).
        await sleep(Math.max(0, Math.min(15_000, dueAt.getTime() - Date.now() - 20_000)));
        const asleepBytes = await bench.temporalDbBytes();
        const asleepRss = rssMb(cluster.pidOf('worker-1')!);
        const asleepTables = await bench.temporalTables();
        const sample = ids.filter((_, i) => i % Math.max(1, Math.floor(N / 20)) === 0).slice(0, 20);
        const described = await Promise.all(sample.map((id) => temporal.workflow.getHandle(userWorkflowId(id)).describe()));
        const history = await temporal.workflow.getHandle(userWorkflowId(ids[0]!)).fetchHistory();
        sleeping = {
          idleBytes: idle.bytes,
          asleepBytes,
          bytesPerSleeper: (asleepBytes - idle.bytes) / N,
          topTables: asleepTables,
          // Bytes per sleeping lifecycle by table (Temporal's six largest of each database).
          bytesPerSleeperByTable: Object.fromEntries(Object.entries(asleepTables).map(([k, v]) => [k, (v - (idle.tables[k] ?? 0)) / N])),
          historyEvents: history.events?.length ?? 0,
          historyEventTypes: (history.events ?? []).map((e) => proto.api.enums.v1.EventType[e.eventType ?? 0] ?? String(e.eventType)),
          historyLengthSampled: described.map((d) => d.historyLength),
          historySizeBytesSampled: described.map((d) => d.historySize ?? null),
          workerRssIdleMb: idle.rssMb,
          workerRssAsleepMb: asleepRss,
        };
        log(
          `sleeping cost: Temporal DB ${(idle.bytes / 1e6).toFixed(1)} → ${(asleepBytes / 1e6).toFixed(1)} MB = ${((asleepBytes - idle.bytes) / N / 1000).toFixed(1)} kB per lifecycle; ${history.events?.length} history events; worker-1 RSS ${idle.rssMb.toFixed(0)} → ${asleepRss.toFixed(0)} MB`,
        );
      }

      // The wave.
      await sleep(Math.max(0, dueAt.getTime() - Date.now() - 2_000));
      const samplers = Object.fromEntries(
        Array.from({ length: workers }, (_, i) => [`worker-${i + 1}`, sampleRss(cluster.pidOf(`worker-${i + 1}`)!)]),
      );
      const mine = { subjectKind: 'user', action: 'purge', subjectId: { in: ids } };
      await until('every purge', async () => (await db.evidence.count({ where: mine })) >= N);
      await until(
        'every lifecycle closed in visibility',
        async () => (await closed(vis, bench.taskQueue, 'user-lifecycle-%', since)).n >= N,
        5 * 60_000,
      );
      Object.values(samplers).forEach((s) => s.stop());
      const ev = await db.evidence.aggregate({ where: mine, _max: { finishedAt: true }, _min: { finishedAt: true, startedAt: true } });
      const beforeDue = (
        await db.$queryRawUnsafe<[{ n: bigint }]>(
          `SELECT count(*)::bigint AS n FROM "Evidence" WHERE "subjectId" = ANY($1::text[]) AND action = 'purge' AND ("startedAt" < "dueAt" OR "startedAt" < $2::timestamptz)`,
          ids,
          dueAt.toISOString(),
        )
      )[0].n;
      const pv = await closed(vis, bench.taskQueue, 'user-lifecycle-%', since);
      const byVisibility = { seconds: (pv.lastMs! - dueAt.getTime()) / 1000, rate: 0 };
      byVisibility.rate = N / byVisibility.seconds;
      const byEvidence = { seconds: (ev._max.finishedAt!.getTime() - dueAt.getTime()) / 1000, rate: 0 };
      byEvidence.rate = N / byEvidence.seconds;
      // What one lifecycle did from termination to close, to set beside the baseline's one activity.
      const done = (await temporal.workflow.getHandle(userWorkflowId(ids[0]!)).fetchHistory()).events ?? [];
      const eventCounts: Record<string, number> = {};
      for (const ev of done) {
        const name = (proto.api.enums.v1.EventType[ev.eventType ?? 0] ?? String(ev.eventType)).replace(/^EVENT_TYPE_/, '');
        eventCounts[name] = (eventCounts[name] ?? 0) + 1;
      }
      const completedHistory = { events: done.length, byType: eventCounts };
      const rssPeakMb = Object.fromEntries(Object.entries(samplers).map(([k, s]) => [k, s.peak()]));
      log(
        `${workers} worker(s): wave ${byVisibility.rate.toFixed(1)} lifecycles closed/s (${byVisibility.seconds.toFixed(1)} s), ${byEvidence.rate.toFixed(1)} purges/s by evidence; peak RSS ${JSON.stringify(rssPeakMb)}`,
      );

      // Baseline: N one-activity workflows, all due at one instant through a start delay.
      const prefix = `one-activity-${workers}w-`;
      const bSince = new Date(Date.now() - 1000);
      // Starts are acknowledged by the server alone (≥ 50/s here), so N of them end well before this.
      const bDue = new Date(Date.now() + (N / 50) * 1000 + 20_000);
      const bt0 = Date.now();
      const s = await pooled([...Array(N).keys()], C, (i) =>
        temporal.workflow.start('oneActivityWorkflow', {
          taskQueue: bench.baselineQueue,
          workflowId: `${prefix}${i}`,
          startDelay: Math.max(1, bDue.getTime() - Date.now()),
        }),
      );
      const startSeconds = (Date.now() - bt0) / 1000;
      const bOverlap = Date.now() > bDue.getTime();
      log(
        `${workers} worker(s): baseline ${N} starts at ${s.rate.toFixed(1)}/s (${s.failed} failed); due ${bDue.toISOString()}${bOverlap ? ' (ALREADY PASSED)' : ''}`,
      );
      await until('baseline workflows', async () => (await closed(vis, bench.baselineQueue, `${prefix}%`, bSince)).n >= N - s.failed);
      const bv = await closed(vis, bench.baselineQueue, `${prefix}%`, bSince);
      const bSeconds = (bv.lastMs! - bDue.getTime()) / 1000;
      // A termination is answered only once a worker has run the workflow task with its update; a
      // start is acknowledged by the server alone. Beside it, the no-op workflow started and awaited
      // (one workflow task on a worker), the same pool and concurrency: the like-for-like floor.
      const e = await pooled([...Array(N).keys()], C, (i) =>
        temporal.workflow.execute('noopWorkflow', { taskQueue: bench.baselineQueue, workflowId: `noop-${workers}w-${i}` }),
      );
      log(`${workers} worker(s): baseline no-op workflows started and completed ${e.rate.toFixed(1)}/s (${e.failed} failed)`);

      const baseline = {
        starts: { rate: s.rate, failed: s.failed, seconds: startSeconds },
        noopExecuted: { rate: e.rate, failed: e.failed },
        dueAt: bDue.toISOString(),
        overlap: bOverlap,
        byVisibility: { seconds: bSeconds, rate: bv.n / bSeconds },
      };
      log(`${workers} worker(s): baseline ${baseline.byVisibility.rate.toFixed(1)} closed/s (${bSeconds.toFixed(1)} s)`);

      // Correctness of this phase's users.
      const perUser = await db.evidence.groupBy({ by: ['subjectId'], where: mine, _count: { _all: true } });
      const running = (
        await temporal.workflow.count(
          `TaskQueue = "${bench.taskQueue}" AND ExecutionStatus = "Running" AND StartTime >= "${since.toISOString()}"`,
        )
      ).count;
      phases.push({
        workers,
        loadavg: phaseLoad,
        terminations: { rate: t.rate, failed: t.failed, retried: left.length, seconds: terminationSeconds },
        dueAt: dueAt.toISOString(),
        overlap,
        wave: { byVisibility, byEvidence, rssPeakMb, completedHistory },
        baseline,
        ratio: byVisibility.rate / baseline.byVisibility.rate,
        ratioByEvidence: byEvidence.rate / baseline.byVisibility.rate,
        correctness: {
          purged: await db.userAccount.count({ where: { id: { in: ids }, status: 'purged' } }),
          withOneEvidence: perUser.filter((g) => g._count._all === 1).length,
          duplicates: perUser.filter((g) => g._count._all !== 1).length,
          earliestStartedAt: ev._min.startedAt!.toISOString(),
          earliestFinishedAt: ev._min.finishedAt!.toISOString(),
          beforeDue: Number(beforeDue),
          running,
        },
      });
    }

    const [one, two] = phases as [Phase, Phase];
    const personalLeft = await personalDataLeft(db);
    const scaling = two.wave.byVisibility.rate / one.wave.byVisibility.rate;
    const baselineScaling = two.baseline.byVisibility.rate / one.baseline.byVisibility.rate;
    const sl = sleeping as { bytesPerSleeper: number; workerRssIdleMb: number; workerRssAsleepMb: number; historyEvents: number };
    const peakRss = Math.max(...phases.flatMap((p) => Object.values(p.wave.rssPeakMb)));
    const termOverStarts = phases.map((p) => p.terminations.rate / p.baseline.starts.rate);
    const targets = {
      scaling: { target: `≥ ${TARGETS.scaling}`, value: scaling, met: scaling >= TARGETS.scaling },
      productOverBaselineOneWorker: {
        target: `≥ ${TARGETS.productOverBaseline}`,
        value: one.ratio,
        met: one.ratio >= TARGETS.productOverBaseline,
      },
      productOverBaselineTwoWorkers: {
        target: `≥ ${TARGETS.productOverBaseline}`,
        value: two.ratio,
        met: two.ratio >= TARGETS.productOverBaseline,
      },
      terminationsOverStartsOneWorker: {
        target: `≥ ${TARGETS.terminationsOverStarts}`,
        value: termOverStarts[0],
        met: termOverStarts[0]! >= TARGETS.terminationsOverStarts,
      },
      terminationsOverStartsTwoWorkers: {
        target: `≥ ${TARGETS.terminationsOverStarts}`,
        value: termOverStarts[1],
        met: termOverStarts[1]! >= TARGETS.terminationsOverStarts,
      },
      bytesPerSleeper: {
        target: `≤ ${TARGETS.bytesPerSleeper}`,
        value: sl.bytesPerSleeper,
        met: sl.bytesPerSleeper <= TARGETS.bytesPerSleeper,
      },
      workerRssIdleMb: { target: `≤ ${TARGETS.idleRssMb}`, value: sl.workerRssIdleMb, met: sl.workerRssIdleMb <= TARGETS.idleRssMb },
      workerRssPeakMb: { target: `≤ ${TARGETS.peakRssMb}`, value: peakRss, met: peakRss <= TARGETS.peakRssMb },
    };
    const correct =
      phases.every(
        (p) =>
          !p.overlap &&
          !p.baseline.overlap &&
          p.correctness.purged === N &&
          p.correctness.withOneEvidence === N &&
          p.correctness.duplicates === 0 &&
          p.correctness.beforeDue === 0 &&
          p.correctness.running === 0,
      ) && personalLeft.total === 0;
    const loadEnd = loadavg();
    const mark = (k: keyof typeof targets) => (targets[k].met ? 'met' : 'MISSED');
    const f = (v: number | undefined, d = 1) => (v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(d));
    console.log(
      [
        '',
        `  cluster: Temporal 1.29.1 as four services on embedded Postgres, 2 app workers (worker-2 stopped in phase 1), 1 API; users ${N} per phase, quarantine ${Q}, concurrency ${C}`,
        `  load average: start ${loadStart}, end ${loadEnd}`,
        ...phases.map(
          (p) =>
            `  ${p.workers} worker(s): wave ${f(p.wave.byVisibility.rate)} closed/s (${f(p.wave.byEvidence.rate)} purges/s by evidence), baseline ${f(p.baseline.byVisibility.rate)} closed/s, ratio ${f(p.ratio, 2)} (target ≥ 0.8, ${p.ratio >= TARGETS.productOverBaseline ? 'met' : 'MISSED'}; by evidence ${f(p.ratioByEvidence, 2)}); terminations ${f(p.terminations.rate)}/s vs baseline starts ${f(p.baseline.starts.rate)}/s = ${f(p.terminations.rate / p.baseline.starts.rate, 2)} (target ≥ 0.5, ${p.terminations.rate / p.baseline.starts.rate >= TARGETS.terminationsOverStarts ? 'met' : 'MISSED'}); vs no-op started and completed ${f(p.baseline.noopExecuted.rate)}/s = ${f(p.terminations.rate / p.baseline.noopExecuted.rate, 2)}`,
        ),
        `  scaling two/one: product ${f(scaling, 2)} (target ≥ 1.6, ${mark('scaling')}), baseline ${f(baselineScaling, 2)}`,
        `  sleeping: ${f(sl.bytesPerSleeper / 1000)} kB of Temporal Postgres per lifecycle (target ≤ 10 kB, ${mark('bytesPerSleeper')}), ${sl.historyEvents} history events`,
        `  worker-1 RSS: idle ${f(sl.workerRssIdleMb, 0)} MB (target ≤ 120, ${mark('workerRssIdleMb')}), ${N} asleep ${f(sl.workerRssAsleepMb, 0)} MB, wave peak ${f(peakRss, 0)} MB (target ≤ 250, ${mark('workerRssPeakMb')})`,
        ...phases.map(
          (p) =>
            `  ${p.workers} worker(s) correctness: purged ${p.correctness.purged}/${N}, one evidence ${p.correctness.withOneEvidence}, duplicates ${p.correctness.duplicates}, purges before due ${p.correctness.beforeDue} (earliest start ${p.correctness.earliestStartedAt} vs due ${p.dueAt}), still running ${p.correctness.running}`,
        ),
        `  personal values left ${personalLeft.total}; correctness ${correct ? 'PASS' : 'FAIL'}`,
        '',
      ].join('\n'),
    );
    saveResult('cluster-purge-wave', {
      topology:
        'Temporal 1.29.1 as four services on embedded Postgres; 2 app workers (worker-2 stopped for phase 1); 1 API; baseline workers 1 then 2',
      users: N,
      quarantine: Q,
      concurrency: C,
      loadavg: { start: loadStart, end: loadEnd },
      method:
        'Product and baseline both counted by close_time of completed workflows in temporal_visibility.executions_visibility, from the instant all became due (quarantine end; start delay end) to the last close: same store, same clock, start latency excluded for both. Purges/s by evidence (last Evidence.finishedAt − dueAt) reported beside. Terminations/s (update-with-start through the lifecycle client, answered by a worker) and baseline starts/s (workflow.start with a start delay, acknowledged by the server) both through pooled() at the same concurrency, N / wall time of the pool.',
      phases,
      scaling,
      baselineScaling,
      sleeping,
      peakRssMb: peakRss,
      personalLeft,
      targets,
      correct,
      ok: correct,
    });
    log(correct ? 'PASS (correctness; see targets above)' : 'FAIL');
    process.exitCode = correct ? 0 : 1;
  } finally {
    secondBaseline?.signal('SIGTERM');
    if (secondBaseline) await Promise.race([secondBaseline.exited, sleep(20_000)]);
    secondBaseline?.signal('SIGKILL');
    await vis.$disconnect();
    await bench.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
