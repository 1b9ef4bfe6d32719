// What an operator does to any lifecycle by its workflow ID, whatever its kind: look at it (status,
// its own state, pending activities with their retries), read its history, cancel it. Bounded
// like every other Temporal call; failures come back as the domain's errors.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { temporal as proto } from '@temporalio/proto';
import { ConflictError, NotFoundError } from './errors';
import type { PendingActivity } from './shared/contract';
import { toLookupError } from './temporalErrors';

/** How Temporal sees a lifecycle now; NOT_FOUND and UNAVAILABLE say why there is no state. */
export interface LiveLifecycle {
  temporalStatus: string;
  state: Record<string, unknown> | null;
  pendingActivities: PendingActivity[];
}

export function createLifecycleOperations(temporal: Client, timeoutMs = 10_000) {
  const bounded = <T>(call: () => Promise<T>) => temporal.connection.withDeadline(Date.now() + timeoutMs, call);

  return {
    /** The workflow's status, its own view (query `state`, which every kind answers) and its pending work. */
    async live(workflowId: string): Promise<LiveLifecycle> {
      try {
        return await bounded(async () => {
          const handle = temporal.workflow.getHandle(workflowId);
          const d = await handle.describe();
          const pendingActivities = (d.raw.pendingActivities ?? []).map((a) => ({
            activity: a.activityType?.name ?? null,
            attempt: a.attempt ?? 1,
            lastFailure: a.lastFailure?.message ?? null,
          }));
          const state = d.status.name === 'RUNNING' ? await handle.query<Record<string, unknown>>('state') : null;
          return { temporalStatus: d.status.name, state, pendingActivities };
        });
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return { temporalStatus: 'NOT_FOUND', state: null, pendingActivities: [] };
        return { temporalStatus: 'UNAVAILABLE', state: null, pendingActivities: [] };
      }
    },

    /** The whole history, as Temporal stores it (payloads still encoded). */
    async history(workflowId: string): Promise<proto.api.history.v1.IHistory> {
      try {
        return await bounded(() => temporal.workflow.getHandle(workflowId).fetchHistory());
      } catch (err) {
        throw toLookupError(err, workflowId);
      }
    },

    /** Asks a running lifecycle to stop; a missing or finished one is a conflict. */
    async cancel(workflowId: string): Promise<void> {
      try {
        await bounded(async () => {
          const handle = temporal.workflow.getHandle(workflowId);
          const d = await handle.describe();
          if (d.status.name !== 'RUNNING') throw new ConflictError(`cannot cancel: the lifecycle is ${d.status.name.toLowerCase()}`);
          await handle.cancel();
        });
      } catch (err) {
        if (err instanceof ConflictError) throw err;
        const lookup = toLookupError(err, workflowId);
        if (lookup instanceof NotFoundError) throw new ConflictError(`cannot cancel: lifecycle ${workflowId} does not exist in Temporal`);
        throw lookup;
      }
    },
  };
}

export type LifecycleOperations = ReturnType<typeof createLifecycleOperations>;
