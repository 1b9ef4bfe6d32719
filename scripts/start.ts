// `npm start`: the whole system on one machine with nothing installed by hand. Postgres and
// Temporal are started here unless the environment points at servers of its own; data stays in
// .data/ between runs. Stops children first, then Temporal, then Postgres, so no process sees
// its dependencies vanish while it still works.
import path from 'node:path';
import { createDb } from '../db/client';
import { ensureRuntimeLogin, localRuntimeUrl } from '../db/roles';
import { ensureAdminUiBuilt } from './admin-ui-build';
import { ensureWorkflowBundle, WORKFLOW_BUNDLE_PATH } from './workflow-bundle-build';
import { workerProcessEnv } from '../worker/nodeFlags';
import { spawnChild, type Child } from './children';
import { migrateDeploy } from './migrate';
import { isPortOpen } from './ports';
import { startEmbeddedPostgres, type RunningPostgres } from './postgres';
import { seedDemoData } from './demo/seed';
import { loadStartEnv } from './start-env';
import { devCodecEndpoint, startTemporalDevServer, waitUntilServing, type RunningTemporal } from './temporal-dev';
import { PROJECT_ROOT } from './tools';

const PG_PORT = 54329;
const TEMPORAL_PORT = 7233;
const TEMPORAL_UI_PORT = 8233;
const log = (msg: string) => console.log(`[start]    ${msg}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

let postgres: RunningPostgres | undefined;
let temporal: RunningTemporal | undefined;
const children: Child[] = [];
let stopping = false;

/**
 * Migrates as the owner and returns the runtime role's URL for the worker and the API, which may
 * only read and append to the ledgers. Embedded: the owner is the server's superuser and the
 * runtime login is local (db/roles.ts). Your own server: DATABASE_OWNER_URL migrates and
 * DATABASE_URL is the runtime login; with DATABASE_URL alone, both run as it (and are warned).
 */
async function prepareDatabase(env: Record<string, string>): Promise<string> {
  let url = env.DATABASE_OWNER_URL || env.DATABASE_URL;
  let runtimeUrl = env.DATABASE_URL;
  if (!url) {
    const t = Date.now();
    const dataDir = env.EMBEDDED_PG_DIR ? path.resolve(env.EMBEDDED_PG_DIR) : path.join(PROJECT_ROOT, '.data', 'postgres');
    if (await isPortOpen(PG_PORT)) {
      throw new Error(`port ${PG_PORT} is in use (a Postgres left over from an earlier run?); stop it or set DATABASE_URL`);
    }
    postgres = await startEmbeddedPostgres({
      dataDir,
      port: PG_PORT,
      detached: true,
      onLog: (line) => /\b(FATAL|PANIC):/.test(line) && console.error(`[postgres] ${line}`),
    });
    url = postgres.url;
    runtimeUrl = localRuntimeUrl(url);
    const shown = path.relative(PROJECT_ROOT, dataDir).startsWith('..') ? dataDir : path.relative(PROJECT_ROOT, dataDir);
    log(`Postgres ready in ${seconds(Date.now() - t)} (${shown}, port ${PG_PORT})`);
  }
  const migrated = await migrateDeploy(url);
  log(`migrations applied in ${seconds(migrated.durationMs)}`);
  if (runtimeUrl && runtimeUrl !== url) await ensureRuntimeLogin(url, runtimeUrl);
  const db = createDb(url);
  try {
    const seeded = await seedDemoData(db);
    if (seeded.seeded) log(`seeded ${seeded.customers} customers, ${seeded.users} users, ${seeded.invoices} invoices`);
  } finally {
    await db.$disconnect();
  }
  return runtimeUrl ?? url;
}

async function prepareTemporal(env: Record<string, string>, explicit: boolean): Promise<{ address: string; uiUrl?: string }> {
  const address = env.TEMPORAL_ADDRESS ?? `localhost:${TEMPORAL_PORT}`;
  const namespace = env.TEMPORAL_NAMESPACE ?? 'default';
  const isDevAddress = new RegExp(`^(localhost|127\\.0\\.0\\.1):${TEMPORAL_PORT}$`).test(address);
  if (explicit && !isDevAddress) {
    log(`using the Temporal server at ${address} (TEMPORAL_ADDRESS)`);
    return { address };
  }
  if (await isPortOpen(TEMPORAL_PORT)) {
    await waitUntilServing(address, namespace, 5_000).catch(() => {
      throw new Error(`port ${TEMPORAL_PORT} is in use by something that does not answer as Temporal`);
    });
    log(`a Temporal server already answers on ${address}: using it`);
    return { address, uiUrl: `http://localhost:${TEMPORAL_UI_PORT}` };
  }
  const t = Date.now();
  temporal = await startTemporalDevServer({
    dbFile: path.join(PROJECT_ROOT, '.data', 'temporal.db'),
    port: TEMPORAL_PORT,
    uiPort: TEMPORAL_UI_PORT,
    uiCodecEndpoint: devCodecEndpoint(env),
    namespace,
    detached: true,
    onLog: (line) => !stopping && /level=(ERROR|FATAL)/.test(line) && console.error(`[temporal] ${line}`),
  });
  log(`Temporal dev server ready in ${seconds(Date.now() - t)} (.data/temporal.db)`);
  return { address: `localhost:${TEMPORAL_PORT}`, uiUrl: temporal.uiUrl };
}

async function shutdown(reason: string, exitCode: number): Promise<never> {
  if (stopping) {
    children.forEach((c) => c.kill()); // second request: stop waiting for the children
    return new Promise<never>(() => {});
  }
  stopping = true;
  log(`stopping (${reason})`);
  await Promise.all(children.map((c) => c.stop()));
  await temporal?.stop().catch((err) => console.error('[start]    stopping Temporal:', err));
  await postgres?.stop().catch((err) => console.error('[start]    stopping Postgres:', err));
  log('stopped');
  process.exit(exitCode);
}

async function main(): Promise<void> {
  const started = Date.now();
  process.on('SIGINT', () => void shutdown('SIGINT', 0));
  process.on('SIGTERM', () => void shutdown('SIGTERM', 0));
  const { env, source, explicit } = loadStartEnv(PROJECT_ROOT);
  log(`settings from the environment and ${source}`);

  // The worker loads its workflows prebuilt (less memory, faster start); bundled beside the servers' start-up.
  const bundling = env.WORKFLOW_BUNDLE ? Promise.resolve(0) : ensureWorkflowBundle(log);
  const [db, tmp, bundled] = await Promise.allSettled([prepareDatabase(env), prepareTemporal(env, explicit('TEMPORAL_ADDRESS')), bundling]);
  if (db.status === 'rejected' || tmp.status === 'rejected' || bundled.status === 'rejected') {
    for (const r of [db, tmp, bundled]) if (r.status === 'rejected') console.error(r.reason);
    return shutdown('start-up failed', 1);
  }
  void postgres?.exited.then((code) => !stopping && shutdown(`Postgres exited (${code})`, 1));
  void temporal?.exited.then((code) => !stopping && shutdown(`Temporal exited (${code})`, 1));

  // The API serves the console at `/`; build it first if admin-ui/ changed since the last build.
  const built = ensureAdminUiBuilt(log);
  if (built) log(`admin console built in ${seconds(built)}`);
  if (bundled.value) log(`workflows bundled in ${seconds(bundled.value)}`);
  const childEnv = {
    ...env,
    DATABASE_URL: db.value,
    DATABASE_OWNER_URL: '',
    LEDGER_ANCHOR_DIR: env.LEDGER_ANCHOR_DIR ?? path.join(PROJECT_ROOT, '.data', 'ledger-anchors'),
    TEMPORAL_ADDRESS: tmp.value.address,
    WORKFLOW_BUNDLE: env.WORKFLOW_BUNDLE ?? WORKFLOW_BUNDLE_PATH,
  };
  // The worker's heap flags; the arena limit for both processes, as in the Docker image.
  const launch = workerProcessEnv({ inherited: process.env.NODE_OPTIONS, mallocArenaMax: env.MALLOC_ARENA_MAX });
  const tsx = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
  for (const [name, entry] of [
    ['worker', 'worker/main.ts'],
    ['api', 'api/server.ts'],
  ] as const) {
    const processEnv = name === 'worker' ? launch : { MALLOC_ARENA_MAX: launch.MALLOC_ARENA_MAX };
    const child = spawnChild(name, tsx, [entry], { ...childEnv, ...processEnv }, PROJECT_ROOT);
    children.push(child);
    void child.exited.then((code) => !stopping && shutdown(`${name} exited (${code})`, code || 1));
  }

  const port = Number(env.PORT ?? 3000);
  for (let i = 0; i < 240 && !stopping && !(await isPortOpen(port)); i++) await new Promise((r) => setTimeout(r, 250));
  if (stopping) return;
  const api = `http://localhost:${port}`;
  console.log(
    [
      '',
      `  Console      ${api}/  (sign in with an admin or auditor token from API_TOKENS)`,
      `  API          ${api}`,
      `  OpenAPI      ${api}/api/v1/openapi.json`,
      tmp.value.uiUrl ? `  Temporal UI  ${tmp.value.uiUrl}` : `  Temporal     ${tmp.value.address}`,
      `  Started in   ${seconds(Date.now() - started)}. Ctrl-C stops everything; data stays in .data/.`,
      '',
    ].join('\n'),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
