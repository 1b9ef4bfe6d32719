// Graceful shutdown of the real processes, as an orchestrator stops them: SIGTERM arrives while
// work is in flight. A row lock held by the test keeps the deactivation activity (and with it the
// API's termination request) in flight for as long as the test wants, without mocks.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createLifecycleClient } from '../../lifecycles/client';
import { userKind } from '../../lifecycles/user/kind';
import { loadConfig } from '../../config/env';
import { createDb } from '../../db/client';
import { getFreePort } from '../../scripts/ports';
import { createTemporalClient } from '../../temporal/client';
import { terminateUpdate } from '../../lifecycles/user/contract';
import { startAppProcess, type AppProcess } from '../../testkit/appProcess';
import { runComposeHealthcheck } from '../support/composeHealthcheck';
import { testDatabaseUrl, testTemporalAddress } from '../support/env';
import { seedUser, uniqueId } from '../support/subjects';

const db = createDb(testDatabaseUrl());
const TOKEN = 'shutdown-test-service';
const started: AppProcess[] = [];

/** Each test's own processes: a task queue and ports of their own, so no test leans on another's. */
async function freshEnv(): Promise<Record<string, string>> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: testDatabaseUrl(),
    TEMPORAL_ADDRESS: testTemporalAddress(),
    TEMPORAL_TASK_QUEUE: uniqueId('shutdown'),
    API_TOKENS: `service:${TOKEN}`,
    PORT: String(await getFreePort()),
    METRICS_PORT: String(await getFreePort()),
    SHUTDOWN_GRACE_SECONDS: '20',
  };
}

afterAll(async () => {
  for (const p of started) p.signal('SIGKILL');
  await db.$disconnect();
});

function start(entry: string, env: Record<string, string>): AppProcess {
  const p = startAppProcess(entry, env);
  started.push(p);
  return p;
}

/** Locks the user's row until released: an update of it waits, and so the activity does. */
async function lockUserRow(userId: string): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  await client.query('BEGIN');
  await client.query('SELECT id FROM "UserAccount" WHERE id = $1 FOR UPDATE', [userId]);
  return async () => {
    await client.query('COMMIT');
    await client.end();
  };
}

async function waitUntilBlockedOnLock(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const [row] = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%UserAccount%'`;
    if (row && row.n > 0n) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the deactivation never reached the locked row');
}

/** Whether the process is still running after `ms`. */
async function stillRunningAfter(p: AppProcess, ms: number): Promise<boolean> {
  return Promise.race([p.exited.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), ms))]);
}

async function statusOf(userId: string) {
  return (await db.userAccount.findUniqueOrThrow({ where: { id: userId }, select: { status: true } })).status;
}

describe('SIGTERM', () => {
  it('lets the API finish an in-flight termination, refuse new connections, close and exit 0', async () => {
    const env = await freshEnv();
    const worker = start('worker/main.ts', env);
    const api = start('api/server.ts', env);
    await Promise.all([worker.waitFor(/worker polling/), api.waitFor(/listening on/)]);
    // docker-compose.yml's health checks pass against the running processes.
    expect(runComposeHealthcheck('api', { PORT: env.PORT! })).toBe(0);
    expect(runComposeHealthcheck('worker', { METRICS_PORT: env.METRICS_PORT! })).toBe(0);
    const user = await seedUser(db);
    const release = await lockUserRow(user.userId);

    const base = `http://127.0.0.1:${env.PORT}`;
    const pending = fetch(`${base}/api/v1/users/${user.userId}/termination`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reasonCode: 'employee-left' }),
    });
    await waitUntilBlockedOnLock();
    api.signal('SIGTERM');
    await api.waitFor(/shutting down/);
    expect(await stillRunningAfter(api, 1000)).toBe(true);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow(); // no longer accepting

    await release();
    const answer = await pending;
    expect(answer.status).toBe(202);
    // Answered while draining: the connection closes, so a keep-alive caller moves to another replica.
    expect(answer.headers.get('connection')).toBe('close');
    expect(await api.exited, api.output()).toBe(0);
    expect(runComposeHealthcheck('api', { PORT: env.PORT! })).not.toBe(0);
    expect(api.output()).toMatch(/API stopped/);
    expect(await statusOf(user.userId)).toBe('deactivated');
    worker.signal('SIGTERM');
    expect(await worker.exited, worker.output()).toBe(0);
  });

  it('lets the worker stop polling, finish its in-flight activity, close and exit 0', async () => {
    const env = await freshEnv();
    const worker = start('worker/main.ts', env);
    await worker.waitFor(/worker polling/);
    const user = await seedUser(db);
    const release = await lockUserRow(user.userId);
    const config = loadConfig(env);
    const temporal = await createTemporalClient(config);
    try {
      const lifecycles = createLifecycleClient(userKind, {
        temporal,
        taskQueue: config.temporal.taskQueue,
        policy: config.policy,
        timeoutMs: 4_000,
      });
      // The update cannot be answered once the worker is gone; only the activity matters here.
      const pending = lifecycles
        .updateWithStart(user.userId, user.customerId, terminateUpdate, { terminatedAt: new Date().toISOString(), reason: 'sluttet' })
        .catch(() => undefined);
      await waitUntilBlockedOnLock();
      worker.signal('SIGTERM');
      expect(await stillRunningAfter(worker, 1500)).toBe(true); // waiting for the activity, not killed
      expect(await statusOf(user.userId)).toBe('active');

      await release();
      expect(await worker.exited, worker.output()).toBe(0);
      expect(runComposeHealthcheck('worker', { METRICS_PORT: env.METRICS_PORT! })).not.toBe(0);
      expect(worker.output()).toMatch(/worker stopped/);
      expect(await statusOf(user.userId)).toBe('deactivated');
      await pending;
    } finally {
      await temporal.connection.close();
    }
  });
});
