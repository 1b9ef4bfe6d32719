// Talks to a user's lifecycle workflow. Every entry point is idempotent: update-with-start
// attaches to the running workflow when there is one, and a purged user's finished lifecycle
// is never started again (ALLOW_DUPLICATE_FAILED_ONLY).
import {
  WithStartWorkflowOperation,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
  type WorkflowHandle,
} from '@temporalio/client';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError, type UpdateDefinition } from '@temporalio/common';
import type { PolicySnapshot } from '../../policy/retention';
import { userLifecycleWorkflow } from '../../worker/workflows';
import { CustomerId, LifecycleKind, LifecyclePhase, PolicyVersion } from '../../lifecycles/shared/searchAttributes';
import { PHASE_CONFLICT, stateQuery, userWorkflowId, type UserLifecycleInput, type UserLifecycleView } from '../../lifecycles/user/contract';
import { ConflictError } from '../errors';

export interface LifecycleClientDeps {
  temporal: Client;
  taskQueue: string;
  policy: PolicySnapshot;
  /** How long a call may wait for a worker; without a bound an update waits forever when none runs. */
  timeoutMs?: number;
}

export const DEFAULT_LIFECYCLE_TIMEOUT_MS = 30_000;

export type LifecycleUpdate<A> = UpdateDefinition<UserLifecycleView, [A]>;

/** Raised when the workflow is gone or closed, so the caller can answer from the database. */
export class LifecycleClosedError extends Error {}

export function createUserLifecycleClient({ temporal, taskQueue, policy, timeoutMs = DEFAULT_LIFECYCLE_TIMEOUT_MS }: LifecycleClientDeps) {
  // Past the deadline the SDK throws WorkflowUpdateRPCTimeoutOrCancelledError (or a gRPC
  // DEADLINE_EXCEEDED), which the API answers with 503; the caller's retry is idempotent.
  const bounded = <T>(call: () => Promise<T>): Promise<T> => temporal.connection.withDeadline(Date.now() + timeoutMs, call);
  const handle = (userId: string): WorkflowHandle<typeof userLifecycleWorkflow> =>
    temporal.workflow.getHandle(userWorkflowId(userId));
  // One start for every path, so a lifecycle begins the same whoever starts it.
  const startOptions = (userId: string, customerId: string | null) =>
    lifecycleStartOptions({ kind: 'user', workflowId: userWorkflowId(userId), taskQueue, policy, customerId, args: [{ userId, customerId, policy }] as [UserLifecycleInput] });

  return {
    /** Starts the lifecycle if none runs, then applies the update, atomically. */
    async updateWithStart<A>(userId: string, customerId: string | null, update: LifecycleUpdate<A>, arg: A): Promise<UserLifecycleView> {
      const start = new WithStartWorkflowOperation(userLifecycleWorkflow, startOptions(userId, customerId));
      return translate(() => bounded(() => temporal.workflow.executeUpdateWithStart(update, { args: [arg], startWorkflowOperation: start })));
    },

    /**
     * Starts an ACTIVE lifecycle unless one runs (backfill, reconciliation): no worker needs to
     * answer. Returns false when the user's lifecycle has already completed (purged).
     */
    async ensureStarted(userId: string, customerId: string | null): Promise<boolean> {
      return startedUnlessCompleted(() => bounded(() => temporal.workflow.start(userLifecycleWorkflow, startOptions(userId, customerId))));
    },

    /** Applies an update to a running lifecycle only (restore and release never start one). */
    async update<A>(userId: string, update: LifecycleUpdate<A>, arg: A): Promise<UserLifecycleView> {
      return translate(() => bounded(() => handle(userId).executeUpdate(update, { args: [arg] })));
    },

    /** The running lifecycle's state, or null when there is none running. */
    async state(userId: string): Promise<UserLifecycleView | null> {
      try {
        return await bounded(async () => {
          const h = handle(userId);
          const { status } = await h.describe();
          if (status.name !== 'RUNNING') return null;
          return await h.query(stateQuery);
        });
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return null;
        throw err;
      }
    },
  };
}

export type UserLifecycleClient = ReturnType<typeof createUserLifecycleClient>;

/**
 * How every lifecycle, user or customer, is started: attach to a running one, never restart a
 * completed one, and searchable by kind, phase, policy version and customer from the first moment.
 */
export function lifecycleStartOptions<A extends unknown[]>(o: { kind: 'user' | 'customer'; workflowId: string; taskQueue: string; policy: PolicySnapshot; customerId: string | null; args: A }) {
  return {
    workflowId: o.workflowId,
    taskQueue: o.taskQueue,
    args: o.args,
    workflowIdConflictPolicy: 'USE_EXISTING' as const,
    workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY' as const,
    typedSearchAttributes: [
      { key: LifecycleKind, value: o.kind },
      { key: LifecyclePhase, value: 'ACTIVE' },
      { key: PolicyVersion, value: o.policy.version },
      ...(o.customerId ? [{ key: CustomerId, value: o.customerId }] : []),
    ],
  };
}

/**
 * Runs a plain start with USE_EXISTING and ALLOW_DUPLICATE_FAILED_ONLY: true when the lifecycle
 * runs now (started or already running), false when it has completed and is never started again.
 */
export async function startedUnlessCompleted(start: () => Promise<unknown>): Promise<boolean> {
  try {
    await start();
    return true;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw err;
  }
}

/** Maps a lifecycle update's failures to the API's errors; the customer lifecycle client shares it. */
export async function translate<V>(call: () => Promise<V>): Promise<V> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === PHASE_CONFLICT) {
      throw new ConflictError(err.cause.message);
    }
    if (err instanceof WorkflowNotFoundError || err instanceof WorkflowExecutionAlreadyStartedError || isCompletedError(err)) {
      throw new LifecycleClosedError('the lifecycle workflow is not running');
    }
    throw err;
  }
}

function isCompletedError(err: unknown): boolean {
  return err instanceof Error && /already completed|not found/i.test(err.message);
}
