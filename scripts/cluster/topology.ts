// What the native cluster runs, read from docker-compose.yml, the one description of the
// production topology: server and UI versions, the schema and setup jobs' scripts (run verbatim),
// the server's environment, and the app's commands. Nothing here repeats a value of that file, so
// changing it changes `npm run start:cluster` too; what cannot be followed natively throws here,
// and tests/cluster/topology.test.ts runs this against the committed file.
import path from 'node:path';
import { PROJECT_ROOT } from '../tools';
import { imageTag, interpolate, readComposeFile, serviceOf, type ComposeFile, type ComposeService } from './compose';

/** Where the images keep what we supply from elsewhere natively. */
export const IMAGE_PATHS = {
  /** admin-tools: the server module's schema/ tree, which we read from Go's module cache. */
  schemaDir: '/etc/temporal/schema',
  /** server: its working directory; config and DYNAMIC_CONFIG_FILE_PATH are relative to it. */
  serverWorkdir: '/etc/temporal',
} as const;

/** The ports the images listen on inside the compose network (image defaults, not in the file). */
export const IMAGE_PORTS = { postgres: 5432, temporal: 7233 } as const;

/** The compose migrate job's command (migrations as the owner, then the runtime login); the native cluster does the same in-process. */
export const MIGRATE_COMMAND = ['node', '--import', 'tsx', 'ops/db-migrate.ts'] as const;

export interface ComposeJob {
  service: string;
  /** The shell script as the container's /bin/sh receives it (compose's `$$` already undone). */
  script: string;
  /** The job's `entrypoint` without the script: ["/bin/sh", "-ec"]. */
  shell: string[];
  environment: Record<string, string>;
  envFiles: string[];
}

export interface ClusterTopology {
  /** temporalio/server:<version>; also the Go module version of the server and temporal-sql-tool. */
  serverVersion: string;
  /** temporalio/ui:<version>; the Go module github.com/temporalio/ui-server/v2 at the same version. */
  uiVersion: string;
  schemaJob: ComposeJob;
  setupJob: ComposeJob;
  server: {
    environment: Record<string, string>;
    envFiles: string[];
    /** Host directories mounted into the server's working directory, as paths relative to it. */
    mounts: { hostPath: string; workdirPath: string }[];
  };
  ui: { environment: Record<string, string>; publishedPort: number };
  app: {
    /** compose `environment` of the app services (x-app), the same for all three. */
    environment: Record<string, string>;
    envFiles: string[];
    migrate: string[];
    worker: string[];
    api: string[];
    apiPublishedPort: number;
    /** The compose health checks (`CMD` form), run natively to tell when a process is up. */
    workerHealthcheck: string[];
    apiHealthcheck: string[];
    /** compose's stop_grace_period of the worker and API: how long a stop may take before the kill. */
    stopGraceMs: number;
  };
  // Facts read out of the job scripts: for the summary, the docs and the drift test.
  databases: string[];
  namespaceRetention: string;
  searchAttributes: { name: string; type: string }[];
}

/**
 * `vars` play the shell environment compose interpolates from (TEMPORAL_NAMESPACE,
 * TEMPORAL_CODEC_ENDPOINT); unset, the file's own defaults apply.
 */
export function loadTopology(vars: Record<string, string | undefined> = {}, compose: ComposeFile = readComposeFile()): ClusterTopology {
  const env = (s: ComposeService) =>
    Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, interpolate(String(v), vars)]));
  const envFiles = (s: ComposeService) => (s.env_file === undefined ? [] : ([] as string[]).concat(s.env_file));
  const job = (service: string): ComposeJob => {
    const s = serviceOf(compose, service);
    if (!s.entrypoint?.length || s.command?.length !== 1)
      throw new Error(`${service}: expected an entrypoint shell and a one-string script as command`);
    return { service, script: interpolate(s.command[0]!, vars), shell: s.entrypoint, environment: env(s), envFiles: envFiles(s) };
  };

  const temporal = serviceOf(compose, 'temporal');
  const schemaJob = job('temporal-schema');
  const setupJob = job('temporal-setup');
  const serverVersion = imageTag(temporal, 'temporalio/server');
  // admin-tools tags read <server>-tctl-<v>-cli-<v>: its schema files must be the server's.
  for (const j of [schemaJob, setupJob]) {
    const tools = imageTag(serviceOf(compose, j.service), 'temporalio/admin-tools');
    if (!tools.startsWith(`${serverVersion}-`))
      throw new Error(`${j.service} uses admin-tools ${tools}, not the server's ${serverVersion}`);
  }
  for (const p of schemaJob.script.match(/\/[\w./-]+/g) ?? []) {
    if (!p.startsWith(`${IMAGE_PATHS.schemaDir}/`))
      throw new Error(`temporal-schema uses ${p}, which has no native counterpart (only ${IMAGE_PATHS.schemaDir}/)`);
  }

  const mounts = (temporal.volumes ?? []).map((v) => {
    const [host, container] = v.split(':');
    if (!host || !container?.startsWith(`${IMAGE_PATHS.serverWorkdir}/`))
      throw new Error(`temporal: cannot mount ${v} natively (only below ${IMAGE_PATHS.serverWorkdir}/)`);
    return { hostPath: path.resolve(PROJECT_ROOT, host), workdirPath: path.relative(IMAGE_PATHS.serverWorkdir, container) };
  });

  const ui = serviceOf(compose, 'temporal-ui');
  const api = serviceOf(compose, 'api');
  const worker = serviceOf(compose, 'worker');
  const migrate = serviceOf(compose, 'migrate');
  if ((migrate.command ?? []).join(' ') !== MIGRATE_COMMAND.join(' ')) {
    throw new Error(`the compose migrate job runs "${migrate.command?.join(' ')}", scripts/migrate.ts runs "${MIGRATE_COMMAND.join(' ')}"`);
  }
  const cmdHealthcheck = (name: string, s: ComposeService) => {
    const test = s.healthcheck?.test ?? [];
    if (test[0] !== 'CMD') throw new Error(`${name}: only a CMD health check can run natively`);
    return test.slice(1);
  };

  // The setup job sets the namespace retention from its TEMPORAL_RETENTION (P<n>D, as the app reads it).
  const retention = setupJob.environment.TEMPORAL_RETENTION;
  const databases = /for db in ([\w ]+); do/.exec(schemaJob.script)?.[1]?.trim().split(/\s+/);
  if (!retention || !databases) throw new Error('cannot read the namespace retention or the databases from the compose jobs');

  return {
    serverVersion,
    uiVersion: imageTag(ui, 'temporalio/ui'),
    schemaJob,
    setupJob,
    server: { environment: env(temporal), envFiles: envFiles(temporal), mounts },
    ui: { environment: env(ui), publishedPort: publishedPort('temporal-ui', ui) },
    app: {
      environment: env(api),
      envFiles: envFiles(api),
      migrate: migrate.command!,
      worker: worker.command ?? [],
      api: api.command ?? [],
      apiPublishedPort: publishedPort('api', api),
      workerHealthcheck: cmdHealthcheck('worker', worker),
      apiHealthcheck: cmdHealthcheck('api', api),
      stopGraceMs: Math.max(durationMs(worker.stop_grace_period), durationMs(api.stop_grace_period)),
    },
    databases,
    namespaceRetention: retention,
    searchAttributes: [...setupJob.script.matchAll(/^\s*add (\w+) (\w+)\s*$/gm)].map((m) => ({ name: m[1]!, type: m[2]! })),
  };
}

/** A compose duration such as `45s` or `1m30s`; compose's default of 10 s when unset. */
function durationMs(value: string | undefined): number {
  if (value === undefined) return 10_000;
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (!parts.length || parts.map((p) => p[0]).join('') !== value) throw new Error(`cannot read the duration "${value}"`);
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;
  return parts.reduce((ms, [, n, u]) => ms + Number(n) * unit[u as keyof typeof unit], 0);
}

/** The host port of `[ip:]host:container`. */
function publishedPort(name: string, s: ComposeService): number {
  const parts = (s.ports?.[0] ?? '').split(':');
  const port = Number(parts.at(-2));
  if (!Number.isInteger(port)) throw new Error(`${name}: expected a published port, found ${JSON.stringify(s.ports)}`);
  return port;
}
