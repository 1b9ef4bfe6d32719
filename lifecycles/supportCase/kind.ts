// The support-case lifecycle as the generic client (lifecycles/client.ts) sees it.
import type { LifecycleKind } from '../kind';
import {
  caseErasureUpdate,
  caseHoldUpdate,
  caseReleaseUpdate,
  caseStateQuery,
  closeCaseUpdate,
  reopenCaseUpdate,
  supportCaseWorkflowId,
  type SupportCaseLifecycleView,
} from './contract';
import { supportCaseLifecycleWorkflow } from './workflow';

export const supportCaseKind: LifecycleKind<typeof supportCaseLifecycleWorkflow, SupportCaseLifecycleView> = {
  name: 'supportCase',
  workflow: supportCaseLifecycleWorkflow,
  workflowId: supportCaseWorkflowId,
  input: (caseId, { policy, customerId }) => [{ caseId, customerId, policy }],
  state: caseStateQuery,
  updates: {
    terminate: closeCaseUpdate,
    restore: reopenCaseUpdate,
    erase: caseErasureUpdate,
    hold: caseHoldUpdate,
    release: caseReleaseUpdate,
  },
};
