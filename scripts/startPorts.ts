// The ports `npm start` listens on, each configurable so two checkouts can run side by side
// (PORT, EMBEDDED_PG_PORT, TEMPORAL_PORT, TEMPORAL_UI_PORT, METRICS_PORT), and the addresses
// derived from them.
import { localRuntimeUrl } from '../db/roles';

export interface StartPorts {
  api: number;
  postgres: number;
  temporal: number;
  temporalUi: number;
  /** The worker's Prometheus endpoint. */
  workerMetrics: number;
}

const DEFAULTS: StartPorts = { api: 3000, postgres: 54329, temporal: 7233, temporalUi: 8233, workerMetrics: 9464 };
const NAMES: Record<keyof StartPorts, string> = {
  api: 'PORT',
  postgres: 'EMBEDDED_PG_PORT',
  temporal: 'TEMPORAL_PORT',
  temporalUi: 'TEMPORAL_UI_PORT',
  workerMetrics: 'METRICS_PORT',
};

export function startPorts(env: Record<string, string | undefined>): StartPorts {
  const ports = { ...DEFAULTS };
  for (const key of Object.keys(NAMES) as (keyof StartPorts)[]) {
    const raw = env[NAMES[key]];
    if (raw === undefined || raw === '') continue;
    const port = Number(raw);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${NAMES[key]} must be a port number (1-65535), got "${raw}"`);
    ports[key] = port;
  }
  const taken = new Map<number, string>();
  for (const key of Object.keys(NAMES) as (keyof StartPorts)[]) {
    const other = taken.get(ports[key]);
    if (other) throw new Error(`${NAMES[key]} and ${other} are both ${ports[key]}: give each its own port`);
    taken.set(ports[key], NAMES[key]);
  }
  return ports;
}

/** The embedded database's owner (migrations) and runtime (worker, API) URLs. */
export function embeddedDatabaseUrls(port: number): { owner: string; runtime: string } {
  const owner = `postgresql://postgres:postgres@127.0.0.1:${port}/nitd`;
  return { owner, runtime: localRuntimeUrl(owner) };
}

/** Where `npm run evidence:verify` and friends find `npm start`'s database without DATABASE_URL. */
export const embeddedRuntimeUrl = (env: Record<string, string | undefined>) => embeddedDatabaseUrls(startPorts(env).postgres).runtime;
