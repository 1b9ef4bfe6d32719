// The customer-relationship lifecycle as the generic client (lifecycles/client.ts) sees it.
import type { LifecycleKind } from '../kind';
import {
  customerErasureUpdate,
  customerHoldUpdate,
  customerReleaseUpdate,
  customerStateQuery,
  customerWorkflowId,
  restoreCustomerUpdate,
  terminateCustomerUpdate,
  type CustomerLifecycleView,
} from './contract';
import { customerLifecycleWorkflow } from './workflow';

// Its services pass the customer's own ID as customerId, so CustomerId finds it beside its users.
export const customerKind: LifecycleKind<typeof customerLifecycleWorkflow, CustomerLifecycleView> = {
  name: 'customer',
  workflow: customerLifecycleWorkflow,
  workflowId: customerWorkflowId,
  input: (customerId, { policy }) => [{ customerId, policy }],
  state: customerStateQuery,
  updates: {
    terminate: terminateCustomerUpdate,
    restore: restoreCustomerUpdate,
    erase: customerErasureUpdate,
    hold: customerHoldUpdate,
    release: customerReleaseUpdate,
  },
};
