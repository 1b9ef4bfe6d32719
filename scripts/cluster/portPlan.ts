// Every port the native cluster listens on. In compose each container has its own network
// namespace, so all Temporal services use the image's default ports; on one host every process
// needs its own. Defaults sit apart from `npm start`'s (54329, 7233, 8233, 3000) so both can run
// at once; each is configurable by env (CLUSTER_<NAME>_PORT, CLUSTER_TEMPORAL_<SERVICE>_<KIND>_PORT), and tests take free ports.
import net from 'node:net';
import { getFreePort } from '../ports';

/** The four Temporal services, in start order (stopped in reverse). */
export const TEMPORAL_SERVICES = ['history', 'matching', 'frontend', 'worker'] as const;
export type TemporalService = (typeof TEMPORAL_SERVICES)[number];

export interface ServicePorts {
  grpc: number;
  membership: number;
  /** The frontend's HTTP API only. */
  http?: number;
  pprof: number;
  metrics: number;
}

export interface PortPlan {
  postgres: number;
  temporal: Record<TemporalService, ServicePorts>;
  ui: number;
  /** One per API process. */
  apis: number[];
  /** One per worker process (its METRICS_PORT). */
  workerMetrics: number[];
}

// Temporal's own layout (gRPC 72xx, membership 69xx) shifted by 10000.
const SERVICE_DEFAULTS: Record<TemporalService, ServicePorts> = {
  frontend: { grpc: 17233, membership: 16933, http: 17243, pprof: 17936, metrics: 18000 },
  history: { grpc: 17234, membership: 16934, pprof: 17937, metrics: 18001 },
  matching: { grpc: 17235, membership: 16935, pprof: 17938, metrics: 18002 },
  worker: { grpc: 17239, membership: 16939, pprof: 17939, metrics: 18003 },
};
const DEFAULTS = { postgres: 54339, ui: 18080, api: 13000, workerMetrics: 19464 };

/**
 * Temporal records each service's membership port in cluster_membership.rpc_port, a SMALLINT:
 * above 32767 the service dies at start-up ("out of range for type smallint"). The OS hands out
 * free ports from 32768 up, so membership ports are chosen below that.
 */
export const MAX_MEMBERSHIP_PORT = 32767;

/** The env variable naming each configurable port, and its default: for the docs and the summary. */
export function portSettings(): { name: string; default: number; what: string }[] {
  const rows = [
    { name: 'CLUSTER_POSTGRES_PORT', default: DEFAULTS.postgres, what: 'embedded Postgres (unused with DATABASE_URL)' },
    { name: 'CLUSTER_UI_PORT', default: DEFAULTS.ui, what: 'Temporal Web UI' },
    { name: 'CLUSTER_API_PORT', default: DEFAULTS.api, what: 'first API; API n listens on this + n - 1' },
    { name: 'CLUSTER_WORKER_METRICS_PORT', default: DEFAULTS.workerMetrics, what: "first worker's METRICS_PORT; worker n on this + n - 1" },
  ];
  for (const service of TEMPORAL_SERVICES) {
    for (const [kind, port] of Object.entries(SERVICE_DEFAULTS[service])) {
      rows.push({ name: serviceVar(service, kind), default: port, what: `Temporal ${service} ${kind}` });
    }
  }
  return rows;
}

const serviceVar = (service: TemporalService, kind: string) => `CLUSTER_TEMPORAL_${service.toUpperCase()}_${kind.toUpperCase()}_PORT`;

export function portPlanFromEnv(env: Record<string, string | undefined>, counts: { apis: number; workers: number }): PortPlan {
  const port = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${name}=${raw} is not a port`);
    return value;
  };
  const temporal = Object.fromEntries(
    TEMPORAL_SERVICES.map((s) => [
      s,
      Object.fromEntries(Object.entries(SERVICE_DEFAULTS[s]).map(([kind, p]) => [kind, port(serviceVar(s, kind), p)])),
    ]),
  ) as unknown as Record<TemporalService, ServicePorts>;
  for (const s of TEMPORAL_SERVICES) {
    if (temporal[s].membership > MAX_MEMBERSHIP_PORT) {
      throw new Error(
        `${serviceVar(s, 'membership')}=${temporal[s].membership}: Temporal stores membership ports as SMALLINT, so at most ${MAX_MEMBERSHIP_PORT}`,
      );
    }
  }
  const api = port('CLUSTER_API_PORT', DEFAULTS.api);
  const metrics = port('CLUSTER_WORKER_METRICS_PORT', DEFAULTS.workerMetrics);
  return {
    postgres: port('CLUSTER_POSTGRES_PORT', DEFAULTS.postgres),
    temporal,
    ui: port('CLUSTER_UI_PORT', DEFAULTS.ui),
    apis: Array.from({ length: counts.apis }, (_, i) => api + i),
    workerMetrics: Array.from({ length: counts.workers }, (_, i) => metrics + i),
  };
}

/** Ports the OS picks, for tests running beside anything else (each distinct). */
export async function freePortPlan(counts: { apis: number; workers: number }): Promise<PortPlan> {
  const taken = new Set<number>();
  const free = async (low = false): Promise<number> => {
    for (;;) {
      const port = low ? await freePortBelow(MAX_MEMBERSHIP_PORT + 1) : await getFreePort();
      if (!taken.has(port)) return (taken.add(port), port);
    }
  };
  const temporal = {} as Record<TemporalService, ServicePorts>;
  for (const s of TEMPORAL_SERVICES) {
    temporal[s] = { grpc: await free(), membership: await free(true), pprof: await free(), metrics: await free() };
    if (s === 'frontend') temporal[s].http = await free();
  }
  const many = async (n: number) => {
    const ports: number[] = [];
    for (let i = 0; i < n; i++) ports.push(await free());
    return ports;
  };
  return { postgres: await free(), temporal, ui: await free(), apis: await many(counts.apis), workerMetrics: await many(counts.workers) };
}

/** A free port from 20000 to `limit` - 1, probed at random (the OS picks only from its ephemeral range, 32768 up). */
function freePortBelow(limit: number): Promise<number> {
  const candidate = 20_000 + Math.floor(Math.random() * (limit - 20_000));
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(freePortBelow(limit)));
    server.listen(candidate, '127.0.0.1', () => server.close(() => resolve(candidate)));
  });
}

/** Every port with what it is for, for the in-use check before starting. */
export function labelledPorts(plan: PortPlan): [string, number][] {
  const temporal = TEMPORAL_SERVICES.flatMap((s) =>
    Object.entries(plan.temporal[s])
      .filter((e): e is [string, number] => e[1] !== undefined)
      .map(([kind, port]): [string, number] => [`Temporal ${s} ${kind}`, port]),
  );
  return [
    ['Postgres', plan.postgres],
    ...temporal,
    ['Web UI', plan.ui],
    ...plan.apis.map((p, i): [string, number] => [`API ${i + 1}`, p]),
    ...plan.workerMetrics.map((p, i): [string, number] => [`worker ${i + 1} metrics`, p]),
  ];
}
