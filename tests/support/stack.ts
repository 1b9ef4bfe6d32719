// The servers the tests run against: a throwaway Postgres (migrated with the real migrations)
// and, optionally, an in-memory Temporal dev server, on free ports in a fresh temp dir so
// concurrent test runs on one machine never collide.
import { rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { migrateDeploy } from '../../scripts/migrate';
import { getFreePort } from '../../scripts/ports';
import { startEmbeddedPostgres, type RunningPostgres } from '../../scripts/postgres';
import { startTemporalDevServer, type RunningTemporal } from '../../scripts/temporal-dev';
import { resolveTestServer } from '../../scripts/tools';

export interface TestStack {
  databaseUrl: string;
  temporalAddress?: string;
  testServerPath: string;
  timings: Record<string, number>;
  stop(): Promise<void>;
}

export async function startTestStack(opts: { temporal?: boolean } = {}): Promise<TestStack> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'nitd-test-'));
  await fs.chmod(dir, 0o755); // as root, Postgres runs as the postgres user, which must pass through
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    const result = await work();
    timings[name] = Date.now() - t;
    return result;
  };
  let postgres: RunningPostgres | undefined;
  let temporal: RunningTemporal | undefined;
  // A killed test runner skips teardown: the servers stop themselves (exit hooks), the dir goes here.
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', removeDir);
  const stop = async () => {
    await temporal?.stop();
    await postgres?.stop();
    process.removeListener('exit', removeDir);
    removeDir();
  };

  const database = async () => {
    postgres = await timed('postgres', async () =>
      startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await getFreePort(), database: 'nitd_test' }),
    );
    await timed('migrate', () => migrateDeploy(postgres!.url));
    return postgres.url;
  };
  const temporalServer = async () => {
    if (!opts.temporal) return undefined;
    temporal = await timed('temporal', async () => startTemporalDevServer({ port: await getFreePort(), uiPort: null }));
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
    databaseUrl: databaseUrl as string,
    temporalAddress: temporalAddress as string | undefined,
    testServerPath: testServerPath as string,
    timings,
    stop,
  };
}
