// `npm run start:cluster`: docker-compose.yml's production topology natively (cluster.ts), with
// its settings from the environment (docs/cluster.md). Run as `node --import tsx` so this is one
// process: a signal (even SIGKILL, through the watchdog) reaches the code that stops the cluster.
import path from 'node:path';
import { SETTING_NAMES } from '../../config/env';
import { PROJECT_ROOT } from '../tools';
import { startCluster, type RunningCluster } from './cluster';
import { portPlanFromEnv } from './portPlan';

const log = (line: string) => console.log(`[cluster]    ${line}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const env = process.env;

function count(name: string, fallback: number): number {
  const value = Number(env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name}=${env[name]} is not a positive whole number`);
  return value;
}

/** App settings from the shell win over the env file; those the cluster sets per process do not. */
const PER_PROCESS = new Set([
  'NODE_ENV',
  'PORT',
  'METRICS_PORT',
  'DATABASE_URL',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'WORKFLOW_BUNDLE',
]);

async function main(): Promise<void> {
  const apis = count('CLUSTER_APIS', 2);
  const workers = count('CLUSTER_WORKERS', 2);
  const dataDir = path.resolve(env.CLUSTER_DATA_DIR ?? path.join(PROJECT_ROOT, '.data', 'cluster'));
  const appSettings = Object.fromEntries(
    SETTING_NAMES.filter((name) => !PER_PROCESS.has(name) && env[name] !== undefined).map((name) => [name, env[name]!]),
  );
  let cluster: RunningCluster | undefined;
  let stopping = false;
  const starting = new AbortController();
  const shutdown = async (reason: string, code: number) => {
    if (stopping) return void cluster?.stop(); // second signal: stop waiting for the processes
    stopping = true;
    log(`stopping (${reason})`);
    if (!cluster) return starting.abort(); // startCluster stops what it started, then main ends
    await cluster.stop();
    log('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('SIGINT', 0));
  process.on('SIGTERM', () => void shutdown('SIGTERM', 0));

  const ports = portPlanFromEnv(env, { apis, workers });
  cluster = await startCluster({
    dataDir,
    ports,
    databaseUrl: env.DATABASE_URL || undefined,
    historyShards: count('CLUSTER_HISTORY_SHARDS', 4),
    composeVars: { TEMPORAL_NAMESPACE: env.TEMPORAL_NAMESPACE, TEMPORAL_CODEC_ENDPOINT: env.TEMPORAL_CODEC_ENDPOINT },
    appSettings,
    temporalLogLevel: env.CLUSTER_TEMPORAL_LOG_LEVEL ?? 'info',
    ui: env.CLUSTER_UI !== '0',
    log,
    signal: starting.signal,
  }).catch((err: Error) => {
    if (!starting.signal.aborted) throw err;
    log('stopped');
    process.exit(0);
  });
  if (stopping) {
    // The signal came as the start-up finished, too late to abort it: stop what it produced.
    await cluster.stop();
    log('stopped');
    process.exit(0);
  }
  void cluster.failed.then((what) => shutdown(what, 1));

  const c = cluster;
  const shown = (p: string) => (path.relative(PROJECT_ROOT, p).startsWith('..') ? p : path.relative(PROJECT_ROOT, p));
  const phases = Object.entries(c.timings)
    .filter(([name]) => name !== 'total')
    .map(([name, ms]) => `${name} ${seconds(ms)}`)
    .join(', ');
  console.log(
    [
      '',
      `  Temporal ${c.topology.serverVersion} (4 services) on Postgres, as docker-compose.yml; namespace "${c.namespace}"`,
      ...c.apiUrls.map((url, i) => `  API ${i + 1}        ${url}   (OpenAPI ${url}/api/v1/openapi.json)`),
      `  Console      ${c.apiUrls[0]}/  (admin or auditor token from API_TOKENS in ${c.appEnvSource === '.env.production' ? '.env.production' : shown(path.join(dataDir, 'local-secrets.json'))})`,
      `  Temporal     ${c.frontendAddress}  (frontend gRPC)`,
      c.uiUrl ? `  Temporal UI  ${c.uiUrl}  (codec: ${c.apiUrls[0]}/codec)` : `  Temporal UI  ${c.uiNote}`,
      `  Workers      ${workers}, metrics on ${ports.workerMetrics.map((p) => `:${p}`).join(' ')}`,
      `  Logs         ${shown(c.logDir)}/`,
      `  Started in   ${seconds(c.timings.total ?? 0)} (${phases}). Ctrl-C stops everything; data stays in ${shown(dataDir)}/.`,
      '',
    ].join('\n'),
  );
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
