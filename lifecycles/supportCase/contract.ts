// The support-case lifecycle's message contract. Only cases raised by outside requesters (no user
// account, contact person or customer behind them) have one: OPEN → CLOSED (closure +
// RETENTION_SUPPORT_CASE) → ERASED, when the requester's details and the personal data in the text
// go and the technical content stays. Only opaque IDs, times, counts and reasons travel here.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { PolicySnapshot, RuleId } from '../../policy/retention';
import { lifecycleWorkflowId, type Hold, type ReasonRequest, type RestoreRequest, type TerminationRequest } from '../shared/contract';

export const SUPPORT_CASE_PHASES = ['OPEN', 'CLOSED', 'ERASED'] as const;
export type SupportCasePhase = (typeof SUPPORT_CASE_PHASES)[number];

/** An open case needs its requester; the clock runs from closure. */
export const SUPPORT_CASE_RULE_BY_PHASE: Partial<Record<SupportCasePhase, RuleId>> = {
  CLOSED: 'support.retention',
  ERASED: 'support.retention',
};

export type SupportCaseRule = Extract<RuleId, 'support.retention' | 'support.erasure'>;

export const SUPPORT_CASE_EVENT_KINDS = ['closed', 'reopened', 'erasure-requested', 'hold-placed', 'hold-released', 'erased'] as const;
export type SupportCaseEventKind = (typeof SUPPORT_CASE_EVENT_KINDS)[number];

export interface SupportCaseEvent {
  at: string;
  kind: SupportCaseEventKind;
  /** A reason or a rule ID; never personal data (reasons are validated by the API). */
  detail: string | null;
}

export interface SupportCaseLifecycleState {
  caseId: string;
  /** The customer the case concerns, if any: an opaque ID for the CustomerId search attribute. */
  customerId: string | null;
  phase: SupportCasePhase;
  policy: PolicySnapshot;
  closedAt: string | null;
  hold: Hold | null;
  erasure: { reason: string; requestedAt: string } | null;
  erasing: boolean;
  erasedAt: string | null;
  erasureRule: SupportCaseRule | null;
  evidenceId: string | null;
  reopenedAt: string | null;
  /** The latest events, newest last (bounded). */
  events: SupportCaseEvent[];
}

export interface SupportCaseLifecycleInput {
  caseId: string;
  customerId: string | null;
  policy: PolicySnapshot;
  /** Carried over by continue-as-new. */
  state?: SupportCaseLifecycleState;
}

export interface SupportCaseLifecycleView extends Omit<SupportCaseLifecycleState, 'policy' | 'erasure'> {
  workflowId: string;
  /** When the requester's details are erased: closure + RETENTION_SUPPORT_CASE, within 3 years less the margin. */
  eraseDueAt: string | null;
  /** The next step's due time; null while held or when nothing is pending. */
  nextDueAt: string | null;
  erasureRequestedAt: string | null;
  policyVersion: string;
}

/** The lifecycle as the API reports it: the workflow's view, or a summary when none is running. */
export type SupportCaseLifecycleReport = Omit<SupportCaseLifecycleView, 'workflowId'> & { workflowId: string | null };

export interface SupportCaseLifecycleResult {
  caseId: string;
  phase: 'ERASED';
  evidenceId: string | null;
}

// The closure is the kind's termination: the generic routes and the client call it that.
export const closeCaseUpdate = defineUpdate<SupportCaseLifecycleView, [TerminationRequest]>('terminate');
export const reopenCaseUpdate = defineUpdate<SupportCaseLifecycleView, [RestoreRequest]>('restore');
export const caseErasureUpdate = defineUpdate<SupportCaseLifecycleView, [ReasonRequest]>('requestErasure');
export const caseHoldUpdate = defineUpdate<SupportCaseLifecycleView, [ReasonRequest]>('placeHold');
export const caseReleaseUpdate = defineUpdate<SupportCaseLifecycleView, [ReasonRequest]>('releaseHold');
export const caseStateQuery = defineQuery<SupportCaseLifecycleView>('state');

export function supportCaseWorkflowId(caseId: string): string {
  return lifecycleWorkflowId('supportCase', caseId);
}
