// The contact-person lifecycle as the generic client (lifecycles/client.ts) sees it.
import type { LifecycleKind } from '../kind';
import {
  contactDepartureUpdate,
  contactErasureUpdate,
  contactHoldUpdate,
  contactReleaseUpdate,
  contactStateQuery,
  contactWorkflowId,
  restoreContactUpdate,
  type ContactLifecycleView,
} from './contract';
import { contactLifecycleWorkflow } from './workflow';

// Its services pass the contact's customer as customerId, so CustomerId finds it beside the customer's.
export const contactKind: LifecycleKind<typeof contactLifecycleWorkflow, ContactLifecycleView> = {
  name: 'contact',
  workflow: contactLifecycleWorkflow,
  workflowId: contactWorkflowId,
  input: (contactId, { policy, customerId }) => [{ contactId, customerId, policy }],
  state: contactStateQuery,
  updates: {
    terminate: contactDepartureUpdate,
    restore: restoreContactUpdate,
    erase: contactErasureUpdate,
    hold: contactHoldUpdate,
    release: contactReleaseUpdate,
  },
};
