// `npm start`: the whole system on one machine with nothing installed by hand. Postgres and
// Temporal are started here unless the environment points at servers of its own; data stays in
// DATA_DIR (.data/) between runs. Stops children first, then Temporal, then Postgres, so no process
// sees its dependencies vanish while it still works, and all of it within a supervisor's usual
// 20 s between SIGTERM and SIGKILL. Should this process be killed outright, the watchdog
// (scripts/cluster/watchdog.ts, shared with the native cluster) stops what it left, in the same
// order. It never uses a server it did not start unless told to (TEMPORAL_ADDRESS, DATABASE_URL):
// a port in use is an error naming the setting that moves it, so two checkouts run side by side.
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { loadConfig } from '../config/env';
import { setNamespaceRetention } from '../temporal/namespace';
import { startDemoLifecycles } from './demo/lifecycles';
import { ensureAdminUiBuilt } from './admin-ui-build';
import { ensureWorkflowBundle, WORKFLOW_BUNDLE_PATH } from './workflow-bundle-build';
import { workerProcessEnv } from '../worker/nodeFlags';
import { spawnChild, type Child } from './children';
import { startWatchdog } from './cluster/watchdog';
import { isPortOpen } from './ports';
import { startEmbeddedPostgres, type RunningPostgres } from './postgres';
import { prepareDatabase } from './start-database';
import { loadStartEnv } from './start-env';
import { startPorts, type StartPorts } from './startPorts';
import { devCodecEndpoint, startTemporalDevServer, type RunningTemporal } from './temporal-dev';
import { PROJECT_ROOT } from './tools';

const log = (msg: string) => console.log(`[start]    ${msg}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
/** A path as the user knows it: relative inside the checkout, absolute elsewhere. */
const shown = (p: string) => (path.relative(PROJECT_ROOT, p).startsWith('..') ? p : path.relative(PROJECT_ROOT, p));

// The stop's budget, inside a supervisor's 20 s: the apps get SHUTDOWN_GRACE_SECONDS (8 s here
// unless set) for in-flight work and are killed at 10 s; Temporal and Postgres 3 s each.
const APP_GRACE_SECONDS = '8';
const STOP_MS = { apps: 10_000, temporal: 3_000, postgres: 3_000 };
/** The watchdog's tiers: apps first, the database last (its own numbering, shared with the cluster). */
const TIER = { postgres: 0, temporal: 1, apps: 3 };
// A supervisor's SIGTERM to the group and npm's forward of it arrive together: one request.
const REPEAT_WINDOW_MS = 2_000;

const watchdog = startWatchdog(STOP_MS.apps);
let postgres: RunningPostgres | undefined;
let temporal: RunningTemporal | undefined;
const children: Child[] = [];
let stopping: number | undefined;

/** Fails when something already listens where we would start a server. */
async function refuseTaken(port: number, what: string, setting: string, instead: string): Promise<void> {
  if (await isPortOpen(port)) {
    throw new Error(
      `port ${port} for ${what} is in use (another checkout's npm start, or one left over?). ` +
        `Stop it, set ${setting} to another port, or ${instead}. npm start never uses a server it did not start.`,
    );
  }
}

async function startDatabase(env: Record<string, string>, ports: StartPorts, dataDir: string): Promise<{ url: string; seeded: boolean }> {
  return prepareDatabase(env, async () => {
    await refuseTaken(ports.postgres, 'Postgres', 'EMBEDDED_PG_PORT', 'set DATABASE_URL to use your own server');
    const t = Date.now();
    const pgDir = env.EMBEDDED_PG_DIR ? path.resolve(env.EMBEDDED_PG_DIR) : path.join(dataDir, 'postgres');
    postgres = await startEmbeddedPostgres({
      dataDir: pgDir,
      port: ports.postgres,
      detached: true,
      onLog: (line) => /\b(FATAL|PANIC):/.test(line) && console.error(`[postgres] ${line}`),
    });
    watchdog.add(postgres.pid, 'SIGINT', TIER.postgres);
    log(`Postgres ready in ${seconds(Date.now() - t)} (${shown(pgDir)}, 127.0.0.1:${ports.postgres})`);
    return postgres.url;
  });
}

async function startTemporal(
  env: Record<string, string>,
  ports: StartPorts,
  dataDir: string,
  explicit: boolean,
): Promise<{ address: string; uiUrl?: string }> {
  if (explicit) {
    log(`using the Temporal server at ${env.TEMPORAL_ADDRESS} (TEMPORAL_ADDRESS)`);
    return { address: env.TEMPORAL_ADDRESS! };
  }
  const instead = 'set TEMPORAL_ADDRESS to use that server';
  await refuseTaken(ports.temporal, 'the Temporal dev server', 'TEMPORAL_PORT', instead);
  await refuseTaken(ports.temporalUi, 'the Temporal Web UI', 'TEMPORAL_UI_PORT', instead);
  const t = Date.now();
  const dbFile = path.join(dataDir, 'temporal.db');
  temporal = await startTemporalDevServer({
    dbFile,
    port: ports.temporal,
    uiPort: ports.temporalUi,
    uiCodecEndpoint: devCodecEndpoint({ PORT: String(ports.api) }),
    namespace: env.TEMPORAL_NAMESPACE ?? 'default',
    detached: true,
    onLog: (line) => !stopping && /level=(ERROR|FATAL)/.test(line) && console.error(`[temporal] ${line}`),
  });
  watchdog.add(temporal.pid, 'SIGTERM', TIER.temporal);
  log(`Temporal dev server ready in ${seconds(Date.now() - t)} (${shown(dbFile)}, 127.0.0.1:${ports.temporal})`);
  // The dev server keeps closed workflows for a day by default: set what the worker will check.
  const { temporal: settings } = loadConfig(env);
  const connection = await Connection.connect({ address: temporal.address });
  await setNamespaceRetention(connection, env.TEMPORAL_NAMESPACE ?? 'default', settings.retentionMs).finally(() => connection.close());
  return { address: temporal.address, uiUrl: temporal.uiUrl };
}

async function shutdown(reason: string, exitCode: number): Promise<void> {
  if (stopping !== undefined) {
    if (Date.now() - stopping < REPEAT_WINDOW_MS) return;
    log('second request: killing what is left');
    children.forEach((c) => c.kill()); // the watchdog stops Temporal and Postgres once we are gone
    process.exit(1);
  }
  stopping = Date.now();
  log(`stopping (${reason})`);
  await Promise.all(children.map((c) => c.stop(STOP_MS.apps).then(() => watchdog.remove(c.pid))));
  await temporal?.stop(STOP_MS.temporal).catch((err) => console.error('[start]    stopping Temporal:', err));
  watchdog.remove(temporal?.pid);
  await postgres?.stop(STOP_MS.postgres).catch((err) => console.error('[start]    stopping Postgres:', err));
  watchdog.remove(postgres?.pid);
  watchdog.close();
  log(`stopped in ${seconds(Date.now() - stopping)}`);
  process.exit(exitCode);
}

async function main(): Promise<void> {
  const started = Date.now();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal, 0));
  const { env, source, explicit } = loadStartEnv(PROJECT_ROOT);
  log(`settings from the environment and ${source}`);
  const ports = startPorts(env);
  const dataDir = env.DATA_DIR ? path.resolve(env.DATA_DIR) : path.join(PROJECT_ROOT, '.data');
  await refuseTaken(ports.api, 'the API', 'PORT', 'stop what uses it');
  await refuseTaken(ports.workerMetrics, "the worker's metrics", 'METRICS_PORT', 'stop what uses it');

  // The worker loads its workflows prebuilt (less memory, faster start); bundled beside the servers' start-up.
  const bundling = env.WORKFLOW_BUNDLE ? Promise.resolve(0) : ensureWorkflowBundle(log);
  const [db, tmp, bundled] = await Promise.allSettled([
    startDatabase(env, ports, dataDir),
    startTemporal(env, ports, dataDir, explicit('TEMPORAL_ADDRESS')),
    bundling,
  ]);
  if (db.status === 'rejected' || tmp.status === 'rejected' || bundled.status === 'rejected') {
    for (const r of [db, tmp, bundled]) if (r.status === 'rejected') console.error(r.reason instanceof Error ? r.reason.message : r.reason);
    return shutdown('start-up failed', 1);
  }
  void postgres?.exited.then((code) => void (stopping ?? shutdown(`Postgres exited (${code})`, 1)));
  void temporal?.exited.then((code) => void (stopping ?? shutdown(`Temporal exited (${code})`, 1)));

  // The API serves the console at `/`; build it first if admin-ui/ changed since the last build.
  const built = ensureAdminUiBuilt(log);
  if (built) log(`admin console built in ${seconds(built)}`);
  if (bundled.value) log(`workflows bundled in ${seconds(bundled.value)}`);
  const childEnv = {
    ...env,
    PORT: String(ports.api),
    METRICS_PORT: String(ports.workerMetrics),
    DATABASE_URL: db.value.url,
    DATABASE_OWNER_URL: '',
    ERASURE_JOURNAL_DIR: env.ERASURE_JOURNAL_DIR ?? path.join(dataDir, 'erasure-journal'),
    TEMPORAL_ADDRESS: tmp.value.address,
    TEMPORAL_UI_ORIGINS: env.TEMPORAL_UI_ORIGINS ?? `http://localhost:${ports.temporalUi},http://127.0.0.1:${ports.temporalUi}`,
    LEDGER_ANCHOR_DIR: env.LEDGER_ANCHOR_DIR ?? path.join(dataDir, 'ledger-anchors'),
    SHUTDOWN_GRACE_SECONDS: env.SHUTDOWN_GRACE_SECONDS ?? APP_GRACE_SECONDS,
    WORKFLOW_BUNDLE: env.WORKFLOW_BUNDLE ?? WORKFLOW_BUNDLE_PATH,
  };
  // The worker's heap flags; the arena limit for both processes, as in the Docker image.
  const launch = workerProcessEnv({ inherited: process.env.NODE_OPTIONS, mallocArenaMax: env.MALLOC_ARENA_MAX });
  for (const [name, entry] of [
    ['worker', 'worker/main.ts'],
    ['api', 'api/server.ts'],
  ] as const) {
    const processEnv = name === 'worker' ? launch : { MALLOC_ARENA_MAX: launch.MALLOC_ARENA_MAX };
    // One process each (node --import tsx, as in the image): a signal reaches the app itself.
    const child = spawnChild(name, process.execPath, ['--import', 'tsx', entry], { ...childEnv, ...processEnv }, PROJECT_ROOT);
    watchdog.add(child.pid, 'SIGTERM', TIER.apps);
    children.push(child);
    void child.exited.then((code) => void (stopping ?? shutdown(`${name} exited (${code})`, code || 1)));
  }

  for (let i = 0; i < 240 && !stopping && !(await isPortOpen(ports.api)); i++) await new Promise((r) => setTimeout(r, 250));
  if (stopping) return;
  const api = `http://localhost:${ports.api}`;
  console.log(
    [
      '',
      `  Console      ${api}/  (sign in with an admin or auditor token from API_TOKENS)`,
      `  API          ${api}`,
      `  OpenAPI      ${api}/api/v1/openapi.json`,
      tmp.value.uiUrl
        ? `  Temporal UI  ${tmp.value.uiUrl}  (read payloads decrypted: sign in at ${api}/codec/session, then turn on "Include cross-origin credentials" in the UI's Codec Server settings)`
        : `  Temporal     ${tmp.value.address}`,
      `  Listening on ${env.HOST ?? '127.0.0.1'}${env.HOST ? '' : ' only (HOST to change)'}. Started in ${seconds(Date.now() - started)}. Ctrl-C stops everything; data stays in ${shown(dataDir)}.`,
      '',
    ].join('\n'),
  );
  if (db.value.seeded)
    await startDemoLifecycles(childEnv, log).catch((err: Error) => log(`could not start the demo data's lifecycles: ${err.message}`));
}

main().catch((err) => {
  console.error(err);
  void shutdown('start-up failed', 1);
});
