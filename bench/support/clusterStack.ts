// What the cluster benches and drills run on: the production topology `npm run start:cluster`
// starts (scripts/cluster/cluster.ts: Temporal as four services on Postgres, the app's workers and
// APIs with compose's commands), on free ports and a temp data dir, plus the no-op baseline worker
// on the same cluster and the readers a bench needs (database, Temporal client, sizes, RSS).
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { loadConfig, type AppConfig } from '../../config/env';
import { createDb, type Db } from '../../db/client';
import { startCluster, type RunningCluster } from '../../scripts/cluster/cluster';
import { freePortPlan } from '../../scripts/cluster/portPlan';
import { createTemporalClient } from '../../temporal/client';
import { startAppProcess, type AppProcess } from '../../testkit/appProcess';
import { uniqueId } from '../../testkit/ids';

export interface ClusterBench {
  cluster: RunningCluster;
  /** The owner's connection (the benches read every table and Temporal's databases). */
  db: Db;
  temporal: Client;
  config: AppConfig;
  taskQueue: string;
  baselineQueue: string;
  /** Service tokens the APIs accept. */
  tokens: { service: string; admin: string; auditor: string };
  /** Bytes of Temporal's two databases (persistence and visibility) in Postgres. */
  temporalDbBytes(): Promise<number>;
  /** Temporal's largest tables by bytes, persistence and visibility. */
  temporalTables(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

export interface ClusterBenchOptions {
  workers?: number;
  apis?: number;
  /** App settings over compose's env file (e.g. RETENTION_USER_QUARANTINE). */
  appSettings?: Record<string, string>;
  /** Start the no-op baseline worker on the same cluster (default true). */
  baseline?: boolean;
  log?: (line: string) => void;
}

export async function startClusterBench(o: ClusterBenchOptions = {}): Promise<ClusterBench> {
  const log = o.log ?? ((line: string) => console.log(`[cluster] ${line}`));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nitd-cluster-bench-'));
  chmodSync(dataDir, 0o755); // as root, Postgres runs as the postgres user, which must pass through
  const token = () => randomBytes(18).toString('hex');
  const tokens = { service: token(), admin: token(), auditor: token() };
  const cluster = await startCluster({
    dataDir,
    ports: await freePortPlan({ apis: o.apis ?? 2, workers: o.workers ?? 2 }),
    ui: false,
    appSettings: {
      API_TOKENS: Object.entries(tokens)
        .map(([role, t]) => `${role}:bench-${role}:${t}`)
        .join(','),
      LOG_LEVEL: 'warn',
      ...o.appSettings,
    },
    echo: { servers: 'none', app: 'none' },
    log,
  });
  log(`started in ${(cluster.timings.total! / 1000).toFixed(1)} s`);
  const config = loadConfig(cluster.apiEnv, 'api');
  const temporal = await createTemporalClient(config);
  const db = createDb(cluster.databaseUrl);
  const baselineQueue = uniqueId('baseline');
  let baselineWorker: AppProcess | undefined;
  if (o.baseline !== false) {
    baselineWorker = startAppProcess(
      'bench/support/baselineWorker.ts',
      { TEMPORAL_ADDRESS: cluster.frontendAddress, TEMPORAL_NAMESPACE: cluster.namespace, BASELINE_TASK_QUEUE: baselineQueue },
      { viaNodeImport: true },
    );
    await baselineWorker.waitFor(/baseline worker polling/, 180_000);
  }
  const temporalDatabases = `('temporal', 'temporal_visibility')`;
  const bench: ClusterBench = {
    cluster,
    db,
    temporal,
    config,
    taskQueue: config.temporal.taskQueue,
    baselineQueue,
    tokens,
    async temporalDbBytes() {
      const [{ bytes }] = await db.$queryRawUnsafe<[{ bytes: bigint }]>(
        `SELECT sum(pg_database_size(datname))::bigint AS bytes FROM pg_database WHERE datname IN ${temporalDatabases}`,
      );
      return Number(bytes);
    },
    async temporalTables() {
      const sizes: Record<string, number> = {};
      for (const database of ['temporal', 'temporal_visibility']) {
        const url = new URL(cluster.databaseUrl);
        url.pathname = `/${database}`;
        const other = createDb(url.toString());
        try {
          const rows = await other.$queryRawUnsafe<{ name: string; bytes: bigint }[]>(
            `SELECT relname::text AS name, pg_total_relation_size(relid)::bigint AS bytes FROM pg_stat_user_tables ORDER BY 2 DESC LIMIT 6`,
          );
          for (const r of rows) sizes[`${database}.${r.name}`] = Number(r.bytes);
        } finally {
          await other.$disconnect();
        }
      }
      return sizes;
    },
    async stop() {
      baselineWorker?.signal('SIGTERM');
      if (baselineWorker) await Promise.race([baselineWorker.exited, new Promise((r) => setTimeout(r, 20_000))]);
      baselineWorker?.signal('SIGKILL');
      await temporal.connection.close().catch(() => {});
      await db.$disconnect();
      await cluster.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  // Ctrl-C (or a timeout's SIGTERM) would skip the benches' `finally`: stop the cluster here.
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      console.error(`[bench] ${sig}: stopping the cluster`);
      void bench.stop().finally(() => process.exit(130));
    });
  }
  return bench;
}
