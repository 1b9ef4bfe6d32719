// The user lifecycle as the generic client (lifecycles/client.ts) sees it.
import type { LifecycleKind } from '../kind';
import {
  erasureUpdate,
  holdUpdate,
  releaseUpdate,
  restoreUpdate,
  stateQuery,
  terminateUpdate,
  userWorkflowId,
  type UserLifecycleView,
} from './contract';
import { userLifecycleWorkflow } from './workflow';

export const userKind: LifecycleKind<typeof userLifecycleWorkflow, UserLifecycleView> = {
  name: 'user',
  workflow: userLifecycleWorkflow,
  workflowId: userWorkflowId,
  input: (userId, { policy, customerId }) => [{ userId, customerId, policy }],
  state: stateQuery,
  updates: { terminate: terminateUpdate, restore: restoreUpdate, erase: erasureUpdate, hold: holdUpdate, release: releaseUpdate },
};
