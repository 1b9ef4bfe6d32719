// The customer-relationship lifecycle's message contract: the workflow sets handlers for these,
// the API calls them. Only opaque IDs, times, counts and caller-supplied reasons travel here.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { PolicySnapshot, RuleId } from '../../policy/retention';
import { lifecycleWorkflowId, type Hold, type ReasonRequest, type RestoreRequest, type TerminationRequest } from '../shared/contract';

export const CUSTOMER_PHASES = ['ACTIVE', 'ENDED', 'CRM_ANONYMISED', 'CLOSED'] as const;
export type CustomerPhase = (typeof CUSTOMER_PHASES)[number];

/** The rule each phase runs under; an active relationship keeps its data under its contract. */
export const CUSTOMER_RULE_BY_PHASE: Partial<Record<CustomerPhase, RuleId>> = {
  ENDED: 'crm.anonymise',
  CRM_ANONYMISED: 'erp.cap',
  CLOSED: 'erp.cap',
};

/** The rules a customer's anonymisation steps run under. */
export type AnonymisationRule = Extract<RuleId, 'crm.anonymise' | 'crm.erasure' | 'erp.cap'>;

/** What the cascade does to each of the customer's user accounts. */
export type CascadeAction = 'terminate' | 'restore' | 'erase';

/** Progress through the customer's users, page by page in ID order; visible in the state query. */
export interface CascadeProgress {
  action: CascadeAction;
  /** Bumped whenever a new cascade replaces the running one, so a late page result is ignored. */
  generation: number;
  terminatedAt: string | null;
  reason: string | null;
  /** Users the cascade reached (their lifecycle accepted the update or had nothing to do). */
  usersDone: number;
  /** Users it could not change: already purged, purging, or refusing the action (e.g. held erasure). */
  usersSkipped: number;
  lastUserId: string | null;
  done: boolean;
  finishedAt: string | null;
}

export const CUSTOMER_EVENT_KINDS = [
  'terminated',
  'restored',
  'erasure-requested',
  'hold-placed',
  'hold-released',
  'held-past-cap',
  'crm-anonymised',
  'erp-anonymised',
  'cascade-finished',
] as const;
export type CustomerEventKind = (typeof CUSTOMER_EVENT_KINDS)[number];

export interface CustomerEvent {
  at: string;
  kind: CustomerEventKind;
  /** A reason, a rule ID or a count; never personal data (reasons are validated by the API). */
  detail: string | null;
}

export interface CustomerLifecycleState {
  customerId: string;
  phase: CustomerPhase;
  policy: PolicySnapshot;
  endedAt: string | null;
  terminationReason: string | null;
  hold: Hold | null;
  /** Set when the cap passed while a legal hold kept the data: the only way data outlives the cap. */
  heldPastCap: { since: string; reason: string } | null;
  erasure: { reason: string; requestedAt: string } | null;
  cascade: CascadeProgress | null;
  anonymising: boolean;
  crmAnonymisedAt: string | null;
  crmEvidenceId: string | null;
  erpAnonymisedAt: string | null;
  erpEvidenceId: string | null;
  restoredAt: string | null;
  /** The latest events, newest last (bounded so continue-as-new stays small). */
  events: CustomerEvent[];
  /**
   * Set once this lifecycle runs the code where ERP personal data goes with the CRM data «innen 3
   * år» (patch erp-with-crm); absent in lifecycles that ran their CRM step before, which keep ERP
   * at the cap. A configured legal duty (policy.erpLegalDuty) keeps ERP at the cap either way.
   */
  erpWithCrm?: boolean;
}

export interface CustomerLifecycleInput {
  customerId: string;
  policy: PolicySnapshot;
  /** Users per cascade page (default 200); tests make it small to exercise paging. */
  cascadePageSize?: number;
  /** Carried over by continue-as-new. */
  state?: CustomerLifecycleState;
}

/**
 * What the state query and every update answer: the state as it is, except that the policy
 * snapshot shows as its version and the hold past the cap and the erasure as flags; plus due dates.
 */
export interface CustomerLifecycleView extends Omit<CustomerLifecycleState, 'policy' | 'heldPastCap' | 'erasure' | 'erpWithCrm'> {
  workflowId: string;
  /** When CRM personal data is anonymised: the end of the "within 3 years" window, never past the cap. */
  crmAnonymiseDueAt: string | null;
  /** When ERP personal data is anonymised: with the CRM data, or at a configured legal duty's end; never past the cap. */
  erpAnonymiseDueAt: string | null;
  /** The notice's absolute limit: end of relationship + 5 years. */
  capAt: string | null;
  /** The rule the next (or, once closed, the last) anonymisation step runs under. */
  ruleInForce: AnonymisationRule;
  /** The next step's due time; null while held or when nothing is pending. */
  nextDueAt: string | null;
  heldPastCap: boolean;
  heldPastCapReason: string | null;
  erasureRequestedAt: string | null;
  policyVersion: string;
}

/** The lifecycle as the API reports it: the workflow's view, or a summary when none is running. */
export type CustomerLifecycleReport = Omit<CustomerLifecycleView, 'workflowId'> & { workflowId: string | null };

export interface CustomerLifecycleResult {
  customerId: string;
  phase: 'CLOSED';
  crmEvidenceId: string | null;
  erpEvidenceId: string | null;
}

export const terminateCustomerUpdate = defineUpdate<CustomerLifecycleView, [TerminationRequest]>('terminate');
export const restoreCustomerUpdate = defineUpdate<CustomerLifecycleView, [RestoreRequest]>('restore');
export const customerErasureUpdate = defineUpdate<CustomerLifecycleView, [ReasonRequest]>('requestErasure');
export const customerHoldUpdate = defineUpdate<CustomerLifecycleView, [ReasonRequest]>('placeHold');
export const customerReleaseUpdate = defineUpdate<CustomerLifecycleView, [ReasonRequest]>('releaseHold');
export const customerStateQuery = defineQuery<CustomerLifecycleView>('state');

export function customerWorkflowId(customerId: string): string {
  return lifecycleWorkflowId('customer', customerId);
}
