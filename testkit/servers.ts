// Throwaway servers for tests and benches: a Postgres (embedded, migrated with the real
// migrations) and, optionally, a Temporal dev server, on free loopback ports in a fresh temp dir so
// concurrent runs on one machine never collide. The dev server keeps its state in memory, or in a
// SQLite file (`persistent`: its size can be measured and it survives a restart); either server
// can be restarted on the same port and data, for fault drills.
import { rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureRuntimeLogin, localRuntimeUrl } from '../db/roles';
import { migrateDeploy } from '../scripts/migrate';
import { getFreePort } from '../scripts/ports';
import { startEmbeddedPostgres, type RunningPostgres } from '../scripts/postgres';
import { startTemporalDevServer, type RunningTemporal } from '../scripts/temporal-dev';
import { resolveTestServer } from '../scripts/tools';

export interface ServerOptions {
  /** A Temporal dev server too; `persistent` keeps its state in `<dir>/temporal.db`. */
  temporal?: boolean | { persistent: boolean };
  database?: string;
}

export interface Servers {
  dir: string;
  /** The owner's URL: migrations, fixtures, tampering. */
  databaseUrl: string;
  /** The runtime role's URL, as the worker and API connect: it may only read and append to the ledgers. */
  runtimeDatabaseUrl: string;
  temporalAddress?: string;
  /** The dev server's SQLite file, when persistent. */
  temporalDbFile?: string;
  /** The time-skipping test server binary (TestWorkflowEnvironment.createTimeSkipping). */
  testServerPath: string;
  timings: Record<string, number>;
  /** Stops the dev server; `pauseMs` later starts it again on the same port (and file). */
  restartTemporal(pauseMs?: number): Promise<void>;
  /** Stops Postgres (fast shutdown); `pauseMs` later starts it again on the same data and port. */
  restartPostgres(pauseMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startServers(opts: ServerOptions = {}): Promise<Servers> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'nitd-test-'));
  await fs.chmod(dir, 0o755); // as root, Postgres runs as the postgres user, which must pass through
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    const result = await work();
    timings[name] = Date.now() - t;
    return result;
  };
  const persistent = typeof opts.temporal === 'object' && opts.temporal.persistent;
  const temporalDbFile = persistent ? path.join(dir, 'temporal.db') : undefined;
  const [postgresPort, temporalPort] = await Promise.all([getFreePort(), getFreePort()]);
  const runPostgres = () =>
    startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: postgresPort, database: opts.database ?? 'nitd_test' });
  const runTemporal = () => startTemporalDevServer({ port: temporalPort, uiPort: null, dbFile: temporalDbFile });
  let postgres: RunningPostgres | undefined;
  let temporal: RunningTemporal | undefined;
  // A killed runner skips teardown: the servers stop themselves (exit hooks), the dir goes here.
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', removeDir);
  const stop = async () => {
    await temporal?.stop();
    await postgres?.stop();
    process.removeListener('exit', removeDir);
    removeDir();
  };
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  const database = async () => {
    postgres = await timed('postgres', runPostgres);
    await timed('migrate', () => migrateDeploy(postgres!.url));
    await ensureRuntimeLogin(postgres.url, localRuntimeUrl(postgres.url));
    return postgres.url;
  };
  const temporalServer = async () => {
    if (!opts.temporal) return undefined;
    temporal = await timed('temporal', runTemporal);
    return temporal.address;
  };
  const results = await Promise.allSettled([database(), temporalServer(), timed('testServer', resolveTestServer)]);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await stop().catch(() => {});
    throw failed.reason;
  }
  const [databaseUrl, temporalAddress, testServerPath] = results.map((r) => (r as PromiseFulfilledResult<unknown>).value);
  return {
    dir,
    databaseUrl: databaseUrl as string,
    runtimeDatabaseUrl: localRuntimeUrl(databaseUrl as string),
    temporalAddress: temporalAddress as string | undefined,
    temporalDbFile,
    testServerPath: testServerPath as string,
    timings,
    async restartTemporal(pauseMs = 0) {
      await temporal?.stop();
      await pause(pauseMs);
      temporal = await runTemporal();
    },
    async restartPostgres(pauseMs = 0) {
      await postgres?.stop();
      await pause(pauseMs);
      postgres = await runPostgres();
    },
    stop,
  };
}
