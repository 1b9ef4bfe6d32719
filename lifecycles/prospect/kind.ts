// The prospect lifecycle as the generic client (lifecycles/client.ts) sees it.
import type { LifecycleKind } from '../kind';
import {
  endProspectUpdate,
  prospectErasureUpdate,
  prospectHoldUpdate,
  prospectReleaseUpdate,
  prospectStateQuery,
  prospectWorkflowId,
  restoreProspectUpdate,
  type ProspectLifecycleView,
} from './contract';
import { prospectLifecycleWorkflow } from './workflow';

export const prospectKind: LifecycleKind<typeof prospectLifecycleWorkflow, ProspectLifecycleView> = {
  name: 'prospect',
  workflow: prospectLifecycleWorkflow,
  workflowId: prospectWorkflowId,
  input: (prospectId, { policy }) => [{ prospectId, policy }],
  state: prospectStateQuery,
  updates: {
    terminate: endProspectUpdate,
    restore: restoreProspectUpdate,
    erase: prospectErasureUpdate,
    hold: prospectHoldUpdate,
    release: prospectReleaseUpdate,
  },
};
