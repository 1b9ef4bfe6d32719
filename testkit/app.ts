// The app as integration tests and benches drive it: the real API (createApp) and, if asked, a real
// worker (createWorker, as worker/main.ts runs it) on a task queue of their own, over the given
// Postgres and Temporal. Without a worker the queue is one nobody polls, so nothing there can start
// real lifecycle work by accident. `stop()` closes everything it opened.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import pino, { type Logger } from 'pino';
import { createApp } from '../api/app';
import { loadConfig, type AppConfig } from '../config/env';
import { createDb, type Db } from '../db/client';
import { fileJournal } from '../lifecycles/shared/erasureJournal';
import { localRuntimeUrl } from '../db/roles';
import { createLedger, type Ledger } from '../ledger/ledger';
import { createTemporalClient } from '../temporal/client';
import { createWorker } from '../worker/createWorker';
import { workflowBundle } from './bundle';
import { uniqueId } from './ids';
import { createIsolatedDatabase } from './isolatedDatabase';
import { quietRuntime } from './runtime';

/** One token per role, the same in every test (API_TOKENS). */
export const TEST_TOKENS = { service: 'test-service-token', admin: 'test-admin-token', auditor: 'test-auditor-token' } as const;
/** Whose each test token is: API_TOKENS' `role:name:token`, as the console shows and AdminAction records. */
export const TEST_TOKEN_NAMES = { service: 'test-service', admin: 'test-admin', auditor: 'test-auditor' } as const;
export const TEST_API_TOKENS = Object.entries(TEST_TOKENS)
  .map(([role, token]) => `${role}:${TEST_TOKEN_NAMES[role as keyof typeof TEST_TOKENS]}:${token}`)
  .join(',');
export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Budgets no test reaches by accident (api/rateLimits.ts); the fuzzer uses them too. */
export const GENEROUS_RATE_LIMITS = { RATE_LIMIT_PER_TOKEN: '100000', RATE_LIMIT_PER_ADDRESS: '100000', RATE_LIMIT_AUTH_FAILURES: '10000' };

export interface AppOptions {
  databaseUrl: string;
  temporalAddress: string;
  /** A real worker polling the app's own task queue. */
  worker?: boolean;
  /** A migrated database of its own on the same server (for tests that scan or tamper with whole tables). */
  isolatedDb?: boolean;
  /** Settings on top of the test defaults, e.g. RETENTION_USER_QUARANTINE=PT10S. */
  env?: Record<string, string>;
  /** Lets a test see into (or hold up) the worker's queries. */
  workerDb?: (db: Db) => Db;
  /** Names the task queue (and the isolated database) after the test. */
  prefix?: string;
  /** The API's logger; silent unless a test reads the logs. */
  logger?: Logger;
}

export interface RunningApp {
  app: ReturnType<typeof createApp>;
  /** As the runtime role, like the app's own. */
  db: Db;
  temporal: Client;
  config: AppConfig;
  /** The runtime role's URL (what the app and worker connect with). */
  databaseUrl: string;
  /** The owner's URL of the same database (fixtures that need more than the runtime role may do). */
  ownerDatabaseUrl: string;
  /** The app's and worker's ledger: keys and the anchor directory (LEDGER_ANCHOR_DIR, a temp dir of its own). */
  ledger: Ledger;
  worker?: Worker;
  stop(): Promise<void>;
}

export async function startApp(o: AppOptions): Promise<RunningApp> {
  quietRuntime();
  const prefix = o.prefix ?? 'app';
  const ownerDatabaseUrl = o.isolatedDb ? await createIsolatedDatabase(o.databaseUrl, prefix) : o.databaseUrl;
  // The app and its worker connect as the runtime role, as in production: they can read and append
  // to the ledgers, never rewrite them (db/roles.ts).
  const databaseUrl = localRuntimeUrl(ownerDatabaseUrl);
  const anchorDir = await mkdtemp(path.join(os.tmpdir(), 'nitd-anchors-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    LEDGER_ANCHOR_DIR: anchorDir,
    TEMPORAL_ADDRESS: o.temporalAddress,
    TEMPORAL_TASK_QUEUE: uniqueId(prefix),
    API_TOKENS: TEST_API_TOKENS,
    // Test files send hundreds of requests, and refused tokens on purpose, from one address and
    // token within a minute; tests/api/rateLimits.test.ts gives its app small budgets of its own.
    ...GENEROUS_RATE_LIMITS,
    // Each app's erasure journal in a directory of its own, away from the project's .data/.
    ERASURE_JOURNAL_DIR: path.join(os.tmpdir(), uniqueId(`${prefix}-journal`)),
    ...o.env,
  });
  const db = createDb(databaseUrl);
  const ledger = createLedger(config.ledger);
  const temporal = await createTemporalClient(config);
  let connection: NativeConnection | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  if (o.worker) {
    connection = await NativeConnection.connect({ address: config.temporal.address });
    const { namespace, taskQueue } = config.temporal;
    const workerDb = o.workerDb?.(db) ?? db;
    worker = await createWorker({
      connection,
      namespace,
      taskQueue,
      payloadKeys: config.payloadKeys,
      db: workerDb,
      temporal,
      journal: fileJournal(config.erasureJournalDir),
      ledger,
      workflowBundle: await workflowBundle(),
    });
    running = worker.run();
  }
  const app = createApp({ db, temporal, config, logger: o.logger ?? pino({ level: 'silent' }) });
  return {
    app,
    db,
    temporal,
    config,
    databaseUrl,
    ownerDatabaseUrl,
    ledger,
    worker,
    async stop() {
      if (worker?.getState() === 'RUNNING') worker.shutdown();
      await running?.catch(() => {});
      await connection?.close();
      await temporal.connection.close();
      await db.$disconnect();
      await rm(anchorDir, { recursive: true, force: true });
    },
  };
}
