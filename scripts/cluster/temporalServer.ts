// The Temporal server as four processes, one per service, as a real deployment scales them: all
// read one generated config file (serverConfig.ts) from a root laid out like the image's working
// directory (/etc/temporal: config/, and the compose volumes mounted below it).
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { waitUntilServing } from '../temporal-dev';
import type { Env } from './environments';
import { isPortOpen } from '../ports';
import { TEMPORAL_SERVICES, type ServicePorts, type TemporalService } from './portPlan';
import { startClusterProcess, TIER, type ClusterProcess, type ProcessOptions } from './clusterProcess';
import { renderServerConfig, SERVER_CONFIG_ENV } from './serverConfig';
import type { ClusterTopology } from './topology';

/** Writes <root>/config/<env>.yaml and links the compose volumes in; returns the config file. */
export function prepareServerRoot(
  root: string,
  sampleConfig: string,
  topology: ClusterTopology,
  ports: Record<TemporalService, ServicePorts>,
): string {
  const configDir = path.join(root, 'config');
  mkdirSync(configDir, { recursive: true });
  const file = path.join(configDir, `${SERVER_CONFIG_ENV}.yaml`);
  writeFileSync(file, renderServerConfig(readFileSync(sampleConfig, 'utf8'), ports));
  // A bind mount, natively: a link, so edits to the repository's dynamic config apply live as they would in compose.
  for (const { hostPath, workdirPath } of topology.server.mounts) {
    const link = path.join(root, workdirPath);
    mkdirSync(path.dirname(link), { recursive: true });
    rmSync(link, { recursive: true, force: true });
    symlinkSync(hostPath, link);
  }
  return file;
}

export interface ServiceStart extends Omit<ProcessOptions, 'tier'> {
  server: string;
  root: string;
  env: Env;
  ports: ServicePorts;
}

export function startTemporalService(service: TemporalService, o: ServiceStart): ClusterProcess {
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/',
    ...o.env,
    // Global settings in the config, so per process here (see serverConfig.ts).
    PPROF_PORT: String(o.ports.pprof),
    PROMETHEUS_ENDPOINT: `127.0.0.1:${o.ports.metrics}`,
  };
  // --allow-no-auth: no authorizer is configured, as in compose (the frontend is reachable on the
  // backend network only); the flag says so and silences the server's warning about it.
  const args = ['--root', o.root, '--config', 'config', '--env', SERVER_CONFIG_ENV, '--allow-no-auth', 'start', '--service', service];
  // cwd = root: the compose DYNAMIC_CONFIG_FILE_PATH is relative to the image's working directory.
  return startClusterProcess(`temporal-${service}`, o.server, args, env, o.root, { ...o, tier: TIER.temporal });
}

/**
 * All four services, the first alone until it listens. Every process writes the cluster's
 * metadata at start-up with a compare-and-set (on a new database, or when an address changed);
 * started together, the losers exit ("Failed to apply cluster metadata"). One container running
 * all services, as in compose, does it once; a deployment that restarts crashed pods gets past
 * it by retrying. We have no restarts, so the first one goes first.
 */
export async function startTemporalServices(
  o: Omit<ServiceStart, 'ports'> & { ports: Record<TemporalService, ServicePorts> },
  track: (p: ClusterProcess) => ClusterProcess,
  timeoutMs = 60_000,
): Promise<ClusterProcess[]> {
  const [first, ...rest] = TEMPORAL_SERVICES;
  const leader = track(startTemporalService(first, { ...o, ports: o.ports[first] }));
  let exited: number | undefined;
  void leader.exited.then((code) => (exited = code));
  const deadline = Date.now() + timeoutMs;
  while (!(await isPortOpen(o.ports[first].grpc))) {
    if (exited !== undefined)
      throw new Error(`${leader.name} exited (${exited}) during start-up; its output (${leader.log.file}):\n${leader.log.tail()}`);
    if (Date.now() > deadline)
      throw new Error(`${leader.name} did not listen within ${timeoutMs / 1000} s; its output (${leader.log.file}):\n${leader.log.tail()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return [leader, ...rest.map((s) => track(startTemporalService(s, { ...o, ports: o.ports[s] })))];
}

/**
 * Until the frontend answers for the system namespace: persistence is reachable and the schema
 * current. The namespace and search attributes come after, from the setup job.
 */
export async function waitForFrontend(address: string, services: ClusterProcess[], timeoutMs = 120_000): Promise<void> {
  const dead = new Map<string, number>();
  services.forEach((s) => void s.exited.then((code) => dead.set(s.name, code)));
  try {
    await waitUntilServing(address, 'temporal-system', timeoutMs, () => {
      const [name, code] = [...dead][0] ?? [];
      return name ? `${name} exited (${code}) during start-up` : undefined;
    });
  } catch (err) {
    // The last few lines of each, shortened: the server's lines carry long stack traces.
    const tails = services.map(
      (s) =>
        `--- ${s.log.file}:\n${s.log
          .tail()
          .split('\n')
          .slice(-4)
          .map((l) => l.slice(0, 400))
          .join('\n')}`,
    );
    throw new Error(`Temporal frontend ${address}: ${(err as Error).message}\n${tails.join('\n')}`, { cause: err });
  }
}
