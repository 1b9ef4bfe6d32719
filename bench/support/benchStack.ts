// What the benches run on: the test kit's servers (testkit/servers.ts: an embedded Postgres and a
// Temporal dev server that keeps its state in a SQLite file, so its size can be measured and it can
// be restarted on it), and the bench worker process (benchWorker.ts). Plus the samplers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getFreePort } from '../../scripts/ports';
import { startServers } from '../../testkit/servers';
import { startAppProcess, type AppProcess } from '../../testkit/appProcess';
import { uniqueId } from '../../testkit/ids';
import { writeWorkflowBundle } from '../../worker/workflowBundle';
import { workerProcessEnv } from '../../worker/nodeFlags';

export interface BenchStack {
  dir: string;
  databaseUrl: string;
  temporalAddress: string;
  temporalDbFile: string;
  taskQueue: string;
  baselineQueue: string;
  env: Record<string, string>;
  /** The lifecycle worker (benchWorker.ts). */
  worker: AppProcess;
  /** The no-op baseline worker, in its own process (baselineWorker.ts). */
  baselineWorker: AppProcess;
  /** Heap flags and arena limit the lifecycle worker runs with (worker/nodeFlags.ts). */
  workerProcessEnv: { NODE_OPTIONS: string; MALLOC_ARENA_MAX: string };
  startWorker(extraEnv?: Record<string, string>): Promise<AppProcess>;
  /** Stops the dev server; `pauseMs` later starts it again on the same SQLite file and port. */
  restartTemporal(pauseMs?: number): Promise<void>;
  /** Stops Postgres (fast shutdown); `pauseMs` later starts it again on the same data and port. */
  restartPostgres(pauseMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** `persistent`: the dev server keeps its state in a SQLite file (sizes, restarts); otherwise in memory. */
export async function startBenchStack(extraEnv: Record<string, string> = {}, { persistent = true } = {}): Promise<BenchStack> {
  const servers = await startServers({ temporal: { persistent }, database: 'nitd_bench' });
  const { dir } = servers;
  // Like `npm start` and the Docker image: the worker loads a prebuilt bundle.
  const workflowBundle = await writeWorkflowBundle(path.join(dir, 'workflows.js'));
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    // The worker and API processes connect as the runtime role, as in production.
    DATABASE_URL: servers.runtimeDatabaseUrl,
    LEDGER_ANCHOR_DIR: path.join(dir, 'ledger-anchors'),
    TEMPORAL_ADDRESS: servers.temporalAddress!,
    TEMPORAL_TASK_QUEUE: uniqueId('bench'),
    BASELINE_TASK_QUEUE: uniqueId('baseline'),
    METRICS_PORT: String(await getFreePort()),
    LOG_LEVEL: 'warn',
    WORKFLOW_BUNDLE: workflowBundle,
    ERASURE_JOURNAL_DIR: path.join(dir, 'erasure-journal'),
    ...extraEnv,
  };
  const stack: BenchStack = {
    dir,
    databaseUrl: servers.databaseUrl,
    temporalAddress: servers.temporalAddress!,
    temporalDbFile: servers.temporalDbFile ?? path.join(dir, 'temporal.db'),
    taskQueue: env.TEMPORAL_TASK_QUEUE!,
    baselineQueue: env.BASELINE_TASK_QUEUE!,
    env,
    worker: undefined as unknown as AppProcess,
    baselineWorker: undefined as unknown as AppProcess,
    workerProcessEnv: workerProcessEnv({ flags: env.WORKER_NODE_OPTIONS, mallocArenaMax: env.WORKER_MALLOC_ARENA_MAX }),
    async startWorker(more = {}) {
      // As npm start and compose launch it; WORKER_NODE_OPTIONS / WORKER_MALLOC_ARENA_MAX try others.
      const workerEnv: Record<string, string> = { ...stack.workerProcessEnv };
      if (process.env.BENCH_MEMORY_LOG) workerEnv.BENCH_MEMORY_LOG = '1';
      stack.worker = startAppProcess('bench/support/benchWorker.ts', { ...env, ...workerEnv, ...more }, { viaNodeImport: true });
      await stack.worker.waitFor(/bench worker polling/, 180_000);
      return stack.worker;
    },
    restartTemporal: servers.restartTemporal,
    restartPostgres: servers.restartPostgres,
    async stop() {
      for (const w of [stack.worker, stack.baselineWorker]) w?.signal('SIGTERM');
      for (const w of [stack.worker, stack.baselineWorker])
        if (w) await Promise.race([w.exited, new Promise((r) => setTimeout(r, 30_000))]);
      for (const w of [stack.worker, stack.baselineWorker]) w?.signal('SIGKILL');
      await servers.stop();
    },
  };
  // Ctrl-C (or a timeout's SIGTERM) would skip the benches' `finally`: stop the servers here.
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      console.error(`[bench] ${sig}: stopping the worker and the servers`);
      void stack.stop().finally(() => process.exit(130));
    });
  }
  stack.baselineWorker = startAppProcess('bench/support/baselineWorker.ts', env, { viaNodeImport: true });
  await Promise.all([stack.startWorker(), stack.baselineWorker.waitFor(/baseline worker polling/, 180_000)]);
  return stack;
}

/** Resident set size of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** The SQLite file and its write-ahead log, in MB. */
export function fileMb(file: string): number {
  const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
  return (size(file) + size(`${file}-wal`)) / 1024 / 1024;
}

/** Samples RSS every `everyMs` until stopped: [seconds since start, MB]. */
export function sampleRss(pid: number, everyMs = 1000) {
  const t0 = Date.now();
  const samples: Array<[number, number]> = [[0, rssMb(pid)]];
  const timer = setInterval(() => samples.push([(Date.now() - t0) / 1000, rssMb(pid)]), everyMs);
  return {
    samples,
    stop: () => clearInterval(timer),
    peak: () => Math.max(...samples.map(([, mb]) => mb).filter((v) => !Number.isNaN(v))),
  };
}

export interface PoolResult {
  /** Items per second, failed ones included. */
  rate: number;
  failed: number;
  firstError?: string;
}

/**
 * Runs `call` for each of `items` with `concurrency` in flight. A failure is counted, not thrown:
 * one bad call must not abandon the others mid-flight (and close their connection under them).
 */
export async function pooled<T>(items: T[], concurrency: number, call: (item: T) => Promise<unknown>): Promise<PoolResult> {
  const t0 = Date.now();
  const queue = [...items];
  const result: PoolResult = { rate: 0, failed: 0 };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let it = queue.shift(); it !== undefined; it = queue.shift()) {
        await retried(() => call(it)).catch((err: Error) => {
          result.failed++;
          result.firstError ??= `${err.name}: ${err.message}`;
        });
      }
    }),
  );
  result.rate = items.length / ((Date.now() - t0) / 1000);
  if (result.failed) console.error(`[bench] ${result.failed} of ${items.length} calls failed; first: ${result.firstError}`);
  return result;
}

/** Results of the latest runs, for bench/report.ts. */
export function saveResult(name: string, result: unknown): void {
  const dir = path.resolve(__dirname, '..', 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, `${name}.json`),
    JSON.stringify({ at: new Date().toISOString(), host: `${os.cpus().length} cores`, ...(result as object) }, null, 2) + '\n',
  );
}

/**
 * A few retries for what an overloaded dev server answers now and then (UNAVAILABLE, a namespace
 * briefly unknown while its registry refreshes). Callers' calls are idempotent: a workflow that did
 * start counts as started.
 */
export async function retried<T>(call: () => Promise<T>, attempts = 5): Promise<T | undefined> {
  for (let i = 1; ; i++) {
    try {
      return await call();
    } catch (err) {
      const name = (err as Error).name;
      if (name === 'WorkflowExecutionAlreadyStartedError') return undefined;
      // An update whose worker did not answer in time is retried too: update-with-start is idempotent.
      if (
        i >= attempts ||
        !/NamespaceNotFound|ServiceError|UNAVAILABLE|UpdateRPCTimeout|deadline exceeded/i.test(`${name} ${(err as Error).message}`)
      )
        throw err;
      await new Promise((r) => setTimeout(r, 1000 * i));
    }
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function loadResult(name: string): any {
  const file = path.resolve(__dirname, '..', 'results', `${name}.json`);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined;
}
