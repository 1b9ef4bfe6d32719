// A time-skipping test server per test, not per file. The server's clock and its workflows are
// global to it, so a failed test's workflows (asleep on a 30-day timer, or with a task no worker
// will ever take) would keep every later test's time skipping from advancing until each one timed
// out: one failure became a file of timeouts. A server costs ~0.15 s; the database stays per file.
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { Activities } from '../../worker/activities';
import { createDb, type Db } from '../../db/client';
import { testDatabaseUrl, testServerPath } from './env';
import { createTestWorker, createTimeSkippingEnv } from './temporal';

export interface TimeSkippingTest {
  /** This test's own server; a new one for every test. */
  readonly env: TestWorkflowEnvironment;
  readonly db: Db;
  /** A worker over the real activities on this test's server, stopped after the test if still running. */
  worker(taskQueue: string, wrap?: (real: Activities) => Activities): Promise<Worker>;
  /** The server's clock, which time skipping moves ahead of the wall clock. */
  now(): Promise<Date>;
}

export function useTimeSkipping(): TimeSkippingTest {
  let env: TestWorkflowEnvironment | undefined;
  let db: Db | undefined;
  let workers: Worker[] = [];
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is only there inside a test (useTimeSkipping)`);
    return value;
  };

  beforeAll(() => {
    db = createDb(testDatabaseUrl());
  });
  afterAll(async () => {
    await db?.$disconnect();
  });
  beforeEach(async () => {
    env = await createTimeSkippingEnv(testServerPath());
  });
  afterEach(async () => {
    const ending = env;
    env = undefined;
    // A test that timed out left its worker polling: the server cannot close under it.
    await Promise.all(workers.map(stopWorker));
    workers = [];
    await ending?.teardown();
  });

  return {
    get env() {
      return started(env, 'env');
    },
    get db() {
      return started(db, 'db');
    },
    async worker(taskQueue, wrap) {
      const worker = await createTestWorker(this.env, this.db, taskQueue, wrap);
      workers.push(worker);
      return worker;
    },
    async now() {
      return new Date(await this.env.currentTimeMs());
    },
  };
}

async function stopWorker(worker: Worker): Promise<void> {
  const state = worker.getState();
  // Never run (the test failed before runUntil): it still holds the connection until it has run.
  if (state === 'INITIALIZED') return void (await worker.runUntil(Promise.resolve()));
  if (state === 'RUNNING') worker.shutdown();
  const until = Date.now() + 15_000;
  while (!['STOPPED', 'FAILED'].includes(worker.getState()) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
}
