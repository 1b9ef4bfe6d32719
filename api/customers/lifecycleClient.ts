// Talks to a customer's lifecycle workflow, the same way api/users/lifecycleClient.ts talks to a
// user's: update-with-start attaches to the running workflow, and a closed customer's finished
// lifecycle is never started again (ALLOW_DUPLICATE_FAILED_ONLY).
import { WithStartWorkflowOperation, WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { customerLifecycleWorkflow } from '../../worker/workflows';
import { customerStateQuery, customerWorkflowId, type CustomerLifecycleInput, type CustomerLifecycleView } from '../../lifecycles/customer/contract';
import { DEFAULT_LIFECYCLE_TIMEOUT_MS, lifecycleStartOptions, startedUnlessCompleted, translate, type LifecycleClientDeps } from '../users/lifecycleClient';

export type CustomerLifecycleUpdate<A> = UpdateDefinition<CustomerLifecycleView, [A]>;

export function createCustomerLifecycleClient({ temporal, taskQueue, policy, timeoutMs = DEFAULT_LIFECYCLE_TIMEOUT_MS }: LifecycleClientDeps) {
  const bounded = <T>(call: () => Promise<T>): Promise<T> => temporal.connection.withDeadline(Date.now() + timeoutMs, call);
  const handle = (customerId: string): WorkflowHandle<typeof customerLifecycleWorkflow> =>
    temporal.workflow.getHandle(customerWorkflowId(customerId));
  // One start for every path, so a lifecycle begins the same whoever starts it.
  const startOptions = (customerId: string) =>
    lifecycleStartOptions({ kind: 'customer', workflowId: customerWorkflowId(customerId), taskQueue, policy, customerId, args: [{ customerId, policy }] as [CustomerLifecycleInput] });

  return {
    async updateWithStart<A>(customerId: string, update: CustomerLifecycleUpdate<A>, arg: A): Promise<CustomerLifecycleView> {
      const start = new WithStartWorkflowOperation(customerLifecycleWorkflow, startOptions(customerId));
      return translate(() => bounded(() => temporal.workflow.executeUpdateWithStart(update, { args: [arg], startWorkflowOperation: start })));
    },

    /**
     * Starts an ACTIVE lifecycle unless one runs (backfill): no worker needs to answer. Returns
     * false when the customer's lifecycle has already completed (closed).
     */
    async ensureStarted(customerId: string): Promise<boolean> {
      return startedUnlessCompleted(() => bounded(() => temporal.workflow.start(customerLifecycleWorkflow, startOptions(customerId))));
    },

    async update<A>(customerId: string, update: CustomerLifecycleUpdate<A>, arg: A): Promise<CustomerLifecycleView> {
      return translate(() => bounded(() => handle(customerId).executeUpdate(update, { args: [arg] })));
    },

    async state(customerId: string): Promise<CustomerLifecycleView | null> {
      try {
        return await bounded(async () => {
          const h = handle(customerId);
          const { status } = await h.describe();
          if (status.name !== 'RUNNING') return null;
          return await h.query(customerStateQuery);
        });
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return null;
        throw err;
      }
    },
  };
}

export type CustomerLifecycleClient = ReturnType<typeof createCustomerLifecycleClient>;
