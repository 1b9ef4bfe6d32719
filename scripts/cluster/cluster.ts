// docker-compose.yml's topology on one host without Docker: Postgres, the temporal-schema job,
// the Temporal server as four processes, the temporal-setup job, the Web UI, the migrate job,
// and the app's workers and APIs, started in compose's dependency order and stopped in reverse.
// `npm run start:cluster` (start.ts) and tests/cluster run this same code.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ensureAdminUiBuilt } from '../admin-ui-build';
import { ensureRuntimeLogin, localRuntimeUrl } from '../../db/roles';
import { migrateDeploy } from '../migrate';
import { isPortOpen } from '../ports';
import { startEmbeddedPostgres } from '../postgres';
import { devCodecEndpoint } from '../temporal-dev';
import { resolveTemporalCli } from '../tools';
import { ensureWorkflowBundle, WORKFLOW_BUNDLE_PATH } from '../workflow-bundle-build';
import { workerProcessEnv } from '../../worker/nodeFlags';
import { startAppProcess, waitHealthy } from './appProcesses';
import { ensureClusterTools } from './clusterTools';
import { TIER } from './clusterProcess';
import { linkTools, runComposeJob } from './composeJob';
import { addressRewrites, appEnv, appEnvFile, nativeDatabase, schemaJobEnv, serverEnv, setupJobEnv, uiEnv, type Env } from './environments';
import { localSecrets } from './localSecrets';
import { labelledPorts, TEMPORAL_SERVICES, type PortPlan } from './portPlan';
import { openProcessLog, type Echo } from './processLog';
import { prepareServerRoot, startTemporalService, startTemporalServices, waitForFrontend } from './temporalServer';
import { IMAGE_PATHS, loadTopology, type ClusterTopology } from './topology';
import { Supervisor } from './supervisor';
import { startWebUi, writeUiConfig } from './webUi';

export interface ClusterOptions {
  /** Everything the cluster keeps: Postgres data, generated configs, logs, local secrets. */
  dataDir: string;
  ports: PortPlan;
  /** An existing Postgres (needs the right to create databases); unset = embedded, under dataDir. */
  databaseUrl?: string;
  historyShards?: number;
  /** What compose would interpolate from the shell (TEMPORAL_NAMESPACE, TEMPORAL_CODEC_ENDPOINT). */
  composeVars?: Record<string, string | undefined>;
  /** App settings over the env file (e.g. RETENTION_USER_QUARANTINE for a demo). */
  appSettings?: Env;
  temporalLogLevel?: string;
  /** What reaches the terminal; every line is in dataDir/logs either way. */
  echo?: { servers: Echo; app: Echo };
  /** Start the Web UI when its server is built (default true). */
  ui?: boolean;
  log?: (line: string) => void;
  /** Aborting stops the start-up and everything started so far. */
  signal?: AbortSignal;
}

export interface RunningCluster {
  topology: ClusterTopology;
  namespace: string;
  frontendAddress: string;
  apiUrls: string[];
  uiUrl?: string;
  /** Why there is no UI, when there is none. */
  uiNote?: string;
  /** The first API's environment (its tokens are what clients use). */
  apiEnv: Env;
  appEnvSource: string;
  databaseUrl: string;
  logDir: string;
  /** Milliseconds per start-up phase. */
  timings: Record<string, number>;
  /** Every process started for the cluster (servers, apps, the watchdog). */
  pids(): number[];
  /** The pid now running under a name (worker-1, api-2, temporal-history, …). */
  pidOf(name: string): number | undefined;
  /** Resolves with what happened when a process exits on its own. */
  failed: Promise<string>;
  /** Faults on purpose (bench/cluster-drills.ts); a killed process does not count as failed. */
  drill: ClusterDrill;
  stop(): Promise<void>;
}

/** Processes by name: temporal-history, …, worker-1, api-2, and postgres when it is embedded. */
export interface ClusterDrill {
  /** SIGKILL to the process group (Postgres: its fast shutdown); resolves once it is gone. */
  kill(name: string): Promise<void>;
  /** SIGTERM, as a rollout does, and its grace period; resolves once it has exited. */
  stop(name: string): Promise<void>;
  /** Starts it again with the same command and environment; resolves once it serves. */
  restart(name: string): Promise<void>;
}

export async function startCluster(o: ClusterOptions): Promise<RunningCluster> {
  const log = o.log ?? ((line: string) => console.log(`[cluster]    ${line}`));
  const started = Date.now();
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    try {
      return await fn();
    } finally {
      timings[name] = Date.now() - t;
    }
  };
  const topology = loadTopology(o.composeVars ?? {});
  const dataDir = path.resolve(o.dataDir);
  const logDir = path.join(dataDir, 'logs');
  mkdirSync(dataDir, { recursive: true });
  const echo = o.echo ?? { servers: 'problems', app: 'all' };
  const withUi = o.ui !== false;
  const supervisor = new Supervisor(log);
  // Quiet while starting (see Supervisor.echoServers); a start-up failure quotes their logs.
  const serverOpts = { logDir, echo: 'none' as Echo, watchdog: supervisor.watchdog };

  const bringUp = async (): Promise<RunningCluster> => {
    await assertPortsFree(o.ports, { postgres: o.databaseUrl === undefined, ui: withUi });

    // What the images would carry (binaries, workflow bundle), beside Postgres's start-up.
    const [tools, , databaseUrl] = await settled([
      timed('tools', () => ensureClusterTools({ log, ui: withUi })),
      timed('workflow bundle', () => ensureWorkflowBundle(log)),
      o.databaseUrl !== undefined
        ? Promise.resolve(o.databaseUrl)
        : timed('postgres', () => startPostgres(dataDir, o.ports.postgres, logDir, supervisor)),
    ]);
    const db = nativeDatabase(databaseUrl);
    const rewrites = addressRewrites(topology, o.ports, db);
    const frontendAddress = `127.0.0.1:${o.ports.temporal.frontend.grpc}`;
    const binDir = linkTools(path.join(dataDir, 'bin'), { 'temporal-sql-tool': tools.sqlTool, temporal: await resolveTemporalCli() });

    // temporal-schema → temporal → temporal-setup, beside the migrate job (which needs Postgres only).
    const temporalReady = (async () => {
      const schemaScript = topology.schemaJob.script.split(IMAGE_PATHS.schemaDir).join(tools.schemaDir);
      await timed('temporal-schema', () =>
        runComposeJob(topology.schemaJob, {
          ...serverOpts,
          env: schemaJobEnv(topology, db, rewrites),
          binDir,
          cwd: dataDir,
          script: schemaScript,
        }),
      );
      const root = path.join(dataDir, 'temporal');
      prepareServerRoot(root, tools.sampleConfig, topology, o.ports.temporal);
      const env = serverEnv(topology, db, rewrites, { historyShards: o.historyShards ?? 4, logLevel: o.temporalLogLevel ?? 'info' });
      await timed('temporal', async () => {
        const options = { ...serverOpts, server: tools.server, root, env, ports: o.ports.temporal };
        const services = await startTemporalServices(options, (p) => supervisor.track(p, TIER.temporal));
        await waitForFrontend(frontendAddress, services);
        for (const service of TEMPORAL_SERVICES) {
          supervisor.restartable(`temporal-${service}`, {
            start: () => startTemporalService(service, { ...options, ports: o.ports.temporal[service] }),
            ready: () => waitForPort(o.ports.temporal[service].grpc),
          });
        }
      });
      await timed('temporal-setup', () =>
        runComposeJob(topology.setupJob, {
          ...serverOpts,
          env: setupJobEnv(topology, rewrites),
          binDir,
          cwd: dataDir,
          script: topology.setupJob.script,
        }),
      );
    })();
    // As the compose migrate job (ops/db-migrate.ts): migrations as the owner, then the runtime login
    // the worker and API connect as (read and append only on the ledgers).
    const runtimeUrl = o.databaseUrl !== undefined ? databaseUrl : localRuntimeUrl(databaseUrl);
    const migrate = async () => {
      await migrateDeploy(databaseUrl);
      if (runtimeUrl !== databaseUrl) await ensureRuntimeLogin(databaseUrl, runtimeUrl);
    };
    await settled([temporalReady, timed('migrate', migrate)]);

    // The app's settings: compose's env file, the caller's, compose's environment, then per process.
    const envFile = appEnvFile(topology, localSecrets(dataDir));
    // Heap flags come with the worker's compose command; the arena limit is the image's, for every role.
    const launch = {
      ...workerProcessEnv({ flags: '' }),
      DATABASE_URL: runtimeUrl,
      DATABASE_OWNER_URL: '',
      LEDGER_ANCHOR_DIR: path.join(dataDir, 'ledger-anchors'),
      ERASURE_JOURNAL_DIR: path.join(dataDir, 'erasure-journal'),
      WORKFLOW_BUNDLE: WORKFLOW_BUNDLE_PATH,
      CHECKPOINT_DISABLE: '1',
    };
    const envOf = (native: Env) => appEnv(topology, envFile.env, o.appSettings ?? {}, rewrites, { ...launch, ...native });
    const apiEnvs = o.ports.apis.map((port) => envOf({ PORT: String(port) }));
    const workerEnvs = o.ports.workerMetrics.map((port) => envOf({ METRICS_PORT: String(port) }));

    const ui: { url?: string; note?: string } = {};
    const uiReady = (async () => {
      if (!withUi) return void (ui.note = 'not started (CLUSTER_UI=0)');
      if (!tools.ui.binary) return void (ui.note = `not available: ${tools.ui.failure}`);
      const env = uiEnv(topology, rewrites);
      // The UI's codec URL holds no credential: admins sign in at the API's /codec/session (as with npm start's dev UI).
      if (!o.composeVars?.TEMPORAL_CODEC_ENDPOINT) env.TEMPORAL_CODEC_ENDPOINT = devCodecEndpoint({ PORT: String(o.ports.apis[0]) });
      const root = path.join(dataDir, 'ui');
      writeUiConfig(root, env, o.ports.ui);
      const url = `http://localhost:${o.ports.ui}`;
      await timed('temporal-ui', async () => {
        const proc = supervisor.track(startWebUi(tools.ui.binary!, root, serverOpts), TIER.ui);
        await waitHealthy(proc, ['node', '-e', `fetch('${url}/').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`], {}, 60_000);
      });
      ui.url = url;
    })();
    uiReady.catch(() => {}); // awaited below; this only keeps an early failure from counting as unhandled

    // The API serves the admin console, which the image carries built.
    const built = ensureAdminUiBuilt(log);
    if (built) timings['admin console build'] = built;
    const appOpts = { logDir, echo: echo.app, watchdog: supervisor.watchdog };
    await timed('apps', async () => {
      const start = (name: string, command: string[], healthcheck: string[], env: Env) => {
        const launch = () => startAppProcess(name, command, env, appOpts);
        supervisor.restartable(name, { start: launch, ready: (p) => waitHealthy(p, healthcheck, env) });
        return waitHealthy(supervisor.track(launch(), TIER.app, topology.app.stopGraceMs), healthcheck, env);
      };
      await Promise.all([
        ...workerEnvs.map((env, i) => start(`worker-${i + 1}`, topology.app.worker, topology.app.workerHealthcheck, env)),
        ...apiEnvs.map((env, i) => start(`api-${i + 1}`, topology.app.api, topology.app.apiHealthcheck, env)),
        uiReady,
      ]);
    });
    timings.total = Date.now() - started;
    supervisor.echoServers(echo.servers);

    return {
      topology,
      namespace: topology.app.environment.TEMPORAL_NAMESPACE ?? 'default',
      frontendAddress,
      apiUrls: o.ports.apis.map((p) => `http://localhost:${p}`),
      uiUrl: ui.url,
      uiNote: ui.note,
      apiEnv: apiEnvs[0]!,
      appEnvSource: envFile.source,
      databaseUrl,
      logDir,
      timings,
      pids: () => supervisor.pids(),
      pidOf: (name) => supervisor.pidOf(name),
      failed: supervisor.failed,
      drill: {
        kill: (name) => supervisor.kill(name),
        stop: (name) => supervisor.stopOne(name),
        restart: (name) => supervisor.restart(name),
      },
      stop: () => supervisor.stop(),
    };
  };
  // An interrupt (Ctrl-C while starting) stops what is up; whatever is still being started is
  // killed as it arrives (Supervisor.track after stop).
  const interrupted = new Promise<never>((_, reject) => {
    const onAbort = () => reject(new Error('start-up interrupted'));
    if (o.signal?.aborted) onAbort();
    else o.signal?.addEventListener('abort', onAbort, { once: true });
  });
  interrupted.catch(() => {});
  try {
    return await Promise.race([bringUp(), interrupted]);
  } catch (err) {
    await supervisor.stop();
    throw err;
  }
}

async function assertPortsFree(ports: PortPlan, needed: { postgres: boolean; ui: boolean }): Promise<void> {
  const busy: string[] = [];
  for (const [what, port] of labelledPorts(ports)) {
    if ((what === 'Postgres' && !needed.postgres) || (what === 'Web UI' && !needed.ui)) continue;
    if (await isPortOpen(port)) busy.push(`${port} (${what})`);
  }
  if (busy.length)
    throw new Error(`ports in use: ${busy.join(', ')}; a cluster left running, or set the CLUSTER_*_PORT variables (docs/cluster.md)`);
}

async function startPostgres(dataDir: string, port: number, logDir: string, supervisor: Supervisor): Promise<string> {
  const log = openProcessLog(logDir, 'postgres', 'none');
  const start = () =>
    startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'postgres'),
      port,
      detached: true,
      onLog: (line) => log.write(line),
    });
  const pg = await start();
  supervisor.trackPostgres(pg, log, { start });
  return pg.url;
}

async function waitForPort(port: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await isPortOpen(port))) {
    if (Date.now() > deadline) throw new Error(`nothing listens on ${port} after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Promise.all that lets every branch finish before failing, so nothing is still starting while we stop. */
async function settled<T extends readonly unknown[]>(promises: [...{ [K in keyof T]: Promise<T[K]> }]): Promise<T> {
  const outcomes = await Promise.allSettled(promises);
  const failure = outcomes.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
  return outcomes.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
