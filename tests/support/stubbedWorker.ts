// Workflow tests without a database: the real workflows on a worker whose activities are stubs.
// The stubs are typed from the worker's own factory (Activities), so renaming or re-typing an
// activity breaks the compile here instead of leaving a stub nothing calls. Every call is recorded
// with its input and the server time the workflow scheduled it at, so a test asserts what the
// workflow asked for (rule, dueAt, triggeredAt) and when, in the server's (skipped) time.
import { randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import type { DataConverter } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type NativeConnection } from '@temporalio/worker';
import { afterEach, beforeEach } from 'vitest';
import type { EvidenceSummary } from '../../lifecycles/shared/evidence';
import type { Activities } from '../../worker/activities';
import { testServerPath } from './env';
import { uniqueId } from './subjects';
import { createTimeSkippingEnv, testDataConverter, workflowBundle } from './temporal';

export type StubbedActivities = Partial<Activities>;
type Name = keyof Activities;

export interface ActivityCall<K extends Name = Name> {
  input: Parameters<Activities[K]>[0];
  /**
   * When the workflow scheduled the call, on the server's clock (for the lifecycle steps; a local
   * activity such as the projection or the verification carries the worker's own clock instead).
   */
  scheduledAt: Date;
}

/** The server time the running activity was scheduled at. */
const scheduledNow = () => new Date(Context.current().info.scheduledTimestampMs).toISOString();
const evidence = (): EvidenceSummary => ({
  evidenceId: randomUUID(),
  tables: {},
  startedAt: scheduledNow(),
  finishedAt: scheduledNow(),
  alreadyDone: false,
});

/** What every lifecycle needs answered; a test overrides the steps it is about. */
export const DEFAULT_STUBS = {
  projectLifecycle: async () => true,
  deactivateUser: async () => ({ found: true, changed: true }),
  reactivateUser: async () => ({ found: true, changed: true }),
  purgeUser: async () => evidence(),
  verifyUserErased: async () => ({ ok: true, checkedAt: scheduledNow(), failed: [], evidenceId: randomUUID() }),
  endCustomer: async () => ({ changed: true }),
  reactivateCustomer: async () => ({ changed: true }),
  anonymiseCrm: async () => evidence(),
  anonymiseErp: async () => evidence(),
  cascadePage: async () => ({ usersDone: 0, usersSkipped: 0, lastUserId: null, finished: true }),
  closeCase: async () => ({ changed: true }),
  reopenCase: async () => ({ changed: true }),
  eraseCase: async () => evidence(),
  readProspectClock: async () => ({ lastContactAt: null }),
  recordProspectContact: async () => ({ changed: true }),
  anonymiseProspect: async () => evidence(),
  convertProspect: async () => evidence(),
} satisfies StubbedActivities;

export interface RecordedActivities {
  activities: StubbedActivities;
  /** The calls of one activity so far, oldest first. */
  calls<K extends Name>(name: K): ActivityCall<K>[];
  /**
   * Resolves once the activity has been called `count` times (it waits on the call, not on a clock);
   * rejects after `withinMs` of real time, so a call that never comes fails the test with a reason.
   */
  called<K extends Name>(name: K, count?: number, withinMs?: number): Promise<ActivityCall<K>>;
}

/** The default stubs overridden by `stubs`, each recording its calls. */
export function recordedActivities(stubs: StubbedActivities = {}): RecordedActivities {
  const log = new Map<Name, ActivityCall[]>();
  const waiters: { name: Name; count: number; resolve: (call: ActivityCall) => void }[] = [];
  const list = (name: Name) => log.get(name) ?? log.set(name, []).get(name)!;
  const merged: Record<string, (input: never) => Promise<unknown>> = { ...DEFAULT_STUBS, ...stubs };
  const activities = Object.fromEntries(
    Object.entries(merged).map(([name, stub]) => [
      name,
      async (input: never) => {
        const calls = list(name as Name);
        calls.push({ input, scheduledAt: new Date(Context.current().info.scheduledTimestampMs) });
        for (const w of waiters.filter((w) => w.name === name && w.count === calls.length)) w.resolve(calls[w.count - 1]!);
        return stub(input);
      },
    ]),
  ) as StubbedActivities;
  return {
    activities,
    calls: <K extends Name>(name: K) => list(name) as ActivityCall<K>[],
    called<K extends Name>(name: K, count = 1, withinMs = 30_000) {
      const calls = list(name);
      if (calls.length >= count) return Promise.resolve(calls[count - 1] as ActivityCall<K>);
      return new Promise<ActivityCall<K>>((resolve, reject) => {
        const late = setTimeout(
          () => reject(new Error(`${name} was called ${list(name).length} times, not ${count}, within ${withinMs} ms`)),
          withinMs,
        );
        waiters.push({ name, count, resolve: (call) => (clearTimeout(late), resolve(call as ActivityCall<K>)) });
      });
    },
  };
}

export interface StubbedWorkerOptions {
  taskQueue?: string;
  /** Defaults to the tests' payload codec (testDataConverter). */
  dataConverter?: DataConverter;
  /**
   * 0 for a worker that a test stops while its workflows run on: without a cache it asks for no
   * sticky queue, and the time-skipping server would otherwise keep the next task on the stopped
   * worker's sticky queue (it does not time it out), so time never skips past it.
   */
  maxCachedWorkflows?: number;
}

/** A worker over the real workflow bundle and these activities. */
export async function createStubbedWorker(
  connection: NativeConnection,
  activities: StubbedActivities,
  opts: StubbedWorkerOptions & { taskQueue: string },
): Promise<Worker> {
  return Worker.create({
    connection,
    taskQueue: opts.taskQueue,
    workflowBundle: await workflowBundle(),
    dataConverter: opts.dataConverter ?? testDataConverter(),
    ...(opts.maxCachedWorkflows === undefined ? {} : { maxCachedWorkflows: opts.maxCachedWorkflows }),
    activities,
  });
}

export interface StubbedRun extends RecordedActivities {
  taskQueue: string;
}

/**
 * A time-skipping server per test, as tests/support/timeSkipping.ts does and for the same reason:
 * its clock is global, so one test's sleeping workflows would hold up the next test's time.
 */
export function useStubbedTimeSkipping() {
  let env: TestWorkflowEnvironment | undefined;
  let running: { worker: Worker; done: Promise<unknown> }[] = [];

  beforeEach(async () => {
    env = await createTimeSkippingEnv(testServerPath());
  });
  afterEach(async () => {
    // A test that failed or timed out inside run() may leave its worker polling: the server cannot close under it.
    for (const { worker } of running) if (worker.getState() === 'RUNNING') worker.shutdown();
    await Promise.allSettled(running.map((r) => r.done));
    running = [];
    await env?.teardown();
    env = undefined;
  });

  const current = () => {
    if (!env) throw new Error('the time-skipping server only exists inside a test');
    return env;
  };

  return {
    get env(): TestWorkflowEnvironment {
      return current();
    },
    /** The server's clock, which time skipping moves ahead of the wall clock. */
    async now(): Promise<Date> {
      return new Date(await current().currentTimeMs());
    },
    /** Skips the server's time forward to `at` (ms since the epoch); nothing if already past it. */
    async sleepUntil(at: number): Promise<void> {
      const ms = at - (await current().currentTimeMs());
      if (ms > 0) await current().sleep(ms);
    },
    /** Runs `fn` while a worker over `stubs` (and the defaults) polls a task queue of its own. */
    async run<T>(stubs: StubbedActivities, fn: (run: StubbedRun) => Promise<T>, opts: StubbedWorkerOptions = {}): Promise<T> {
      const taskQueue = opts.taskQueue ?? uniqueId('stubbed');
      const recorded = recordedActivities(stubs);
      const worker = await createStubbedWorker(current().nativeConnection, recorded.activities, { ...opts, taskQueue });
      const done = worker.runUntil(() => fn({ ...recorded, taskQueue }));
      running.push({ worker, done });
      return done;
    },
  };
}
