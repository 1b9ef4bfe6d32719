// Talks to the lifecycle workflows of one kind. Every entry point is idempotent: update-with-start
// attaches to the running workflow when there is one, and a finished lifecycle (purged user, closed
// customer) is never started again (ALLOW_DUPLICATE_FAILED_ONLY). Every call has a deadline, since
// an update waits forever when no worker runs; failures come back as the domain's errors.
import { WithStartWorkflowOperation, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, type SignalDefinition, type UpdateDefinition, type Workflow } from '@temporalio/common';
import type { PolicySnapshot } from '../policy/retention';
import type { LifecycleKind } from './kind';
import { CustomerId, LifecycleKind as LifecycleKindAttribute, LifecyclePhase, PolicyVersion } from './shared/searchAttributes';
import { toAvailabilityError, toDomainError } from './temporalErrors';

export interface LifecycleClientDeps {
  temporal: Client;
  taskQueue: string;
  policy: PolicySnapshot;
  /** How long a call may wait for a worker before it fails as unavailable. */
  timeoutMs?: number;
}

export const DEFAULT_LIFECYCLE_TIMEOUT_MS = 30_000;

type StartableWorkflow = (input: unknown) => Promise<unknown>;

export function createLifecycleClient<W extends Workflow, V>(kind: LifecycleKind<W, V>, deps: LifecycleClientDeps) {
  const { temporal, taskQueue, policy, timeoutMs = DEFAULT_LIFECYCLE_TIMEOUT_MS } = deps;
  const bounded = <T>(call: () => Promise<T>): Promise<T> => temporal.connection.withDeadline(Date.now() + timeoutMs, call);
  const translated = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await bounded(call);
    } catch (err) {
      throw toDomainError(err);
    }
  };
  const handle = (subjectId: string) => temporal.workflow.getHandle(kind.workflowId(subjectId));
  // One start for every path (API, cascade, backfill, reconciliation), so a lifecycle begins the
  // same whoever starts it: searchable by kind, phase, policy and customer from the first moment.
  // Typed once, by the kind (its `input` returns the workflow's parameters); erased here because
  // the SDK's conditional `args` type does not resolve for a generic workflow.
  const workflow = kind.workflow as unknown as StartableWorkflow;
  const startOptions = (subjectId: string, customerId: string | null) => ({
    workflowId: kind.workflowId(subjectId),
    taskQueue,
    args: kind.input(subjectId, { policy, customerId }) as unknown as [unknown],
    workflowIdConflictPolicy: 'USE_EXISTING' as const,
    workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY' as const,
    typedSearchAttributes: [
      { key: LifecycleKindAttribute, value: kind.name },
      { key: LifecyclePhase, value: 'ACTIVE' },
      { key: PolicyVersion, value: policy.version },
      ...(customerId ? [{ key: CustomerId, value: customerId }] : []),
    ],
  });

  return {
    kind: kind.name,

    /** Starts the lifecycle if none runs, then applies the update, atomically. */
    updateWithStart<A>(subjectId: string, customerId: string | null, update: UpdateDefinition<V, [A]>, arg: A): Promise<V> {
      const start = new WithStartWorkflowOperation(workflow, startOptions(subjectId, customerId));
      return translated(() => temporal.workflow.executeUpdateWithStart(update, { args: [arg], startWorkflowOperation: start }));
    },

    /**
     * Starts an ACTIVE lifecycle unless one runs; no worker needs to answer. False when the
     * subject's lifecycle has already completed: it is never started again.
     */
    async ensureStarted(subjectId: string, customerId: string | null): Promise<boolean> {
      try {
        await bounded(() => temporal.workflow.start(workflow, startOptions(subjectId, customerId)));
        return true;
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
        throw toAvailabilityError(err);
      }
    },

    /** Tells a running lifecycle something it needs no answer for; no worker has to be there. */
    signal<A>(subjectId: string, signal: SignalDefinition<[A]>, arg: A): Promise<void> {
      return translated(() => handle(subjectId).signal(signal, arg));
    },

    /** Applies an update to a running lifecycle only (restore and release never start one). */
    update<A>(subjectId: string, update: UpdateDefinition<V, [A]>, arg: A): Promise<V> {
      return translated(() => handle(subjectId).executeUpdate(update, { args: [arg] }));
    },

    /** The running lifecycle's own view, or null when none is running. */
    async state(subjectId: string): Promise<V | null> {
      try {
        return await bounded(async () => {
          const h = handle(subjectId);
          const { status } = await h.describe();
          return status.name === 'RUNNING' ? await h.query(kind.state) : null;
        });
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return null;
        throw toAvailabilityError(err);
      }
    },
  };
}

export type LifecycleClient<V = unknown> = ReturnType<typeof createLifecycleClient<Workflow, V>>;
