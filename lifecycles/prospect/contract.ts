// The prospect lifecycle's message contract. A prospect («potensielle kunder») is someone NITD is in
// contact with but has no relationship with yet: ACTIVE (ENDED once NITD stops pursuing it; the
// clock is the same) → ANONYMISED at the last contact + RETENTION_PROSPECT (at most 5 years), or
// CONVERTED when it becomes a customer and its data moves under the customer's lifecycle. Each
// contact restarts the clock. Only opaque IDs, times, counts and reasons travel here.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { PolicySnapshot, RuleId } from '../../policy/retention';
import { lifecycleWorkflowId, type Hold, type ReasonRequest, type RestoreRequest, type TerminationRequest } from '../shared/contract';

export const PROSPECT_PHASES = ['ACTIVE', 'ENDED', 'CONVERTED', 'ANONYMISED'] as const;
export type ProspectPhase = (typeof PROSPECT_PHASES)[number];

/** The 5 years run in every phase but the final ones; conversion hands the data to the customer's rules. */
export const PROSPECT_RULE_BY_PHASE: Partial<Record<ProspectPhase, RuleId>> = {
  ACTIVE: 'prospect.anonymise',
  ENDED: 'prospect.anonymise',
  ANONYMISED: 'prospect.anonymise',
  CONVERTED: 'prospect.conversion',
};

export type ProspectRule = Extract<RuleId, 'prospect.anonymise' | 'prospect.erasure'>;

export const PROSPECT_EVENT_KINDS = [
  'contacted',
  'ended',
  'restored',
  'erasure-requested',
  'hold-placed',
  'hold-released',
  'converted',
  'anonymised',
] as const;
export type ProspectEventKind = (typeof PROSPECT_EVENT_KINDS)[number];

export interface ProspectEvent {
  at: string;
  kind: ProspectEventKind;
  /** A reason, a rule ID or a customer's opaque ID; never personal data (reasons are validated by the API). */
  detail: string | null;
}

export interface ProspectLifecycleState {
  prospectId: string;
  /** The customer the prospect became (after conversion), for the CustomerId search attribute. */
  customerId: string | null;
  phase: ProspectPhase;
  policy: PolicySnapshot;
  /** The last contact (the prospect's registration before any): the clock counts from it. Null until read. */
  lastContactAt: string | null;
  endedAt: string | null;
  hold: Hold | null;
  erasure: { reason: string; requestedAt: string } | null;
  /** An anonymisation or conversion is running. */
  erasing: boolean;
  anonymisedAt: string | null;
  anonymisationRule: ProspectRule | null;
  convertedAt: string | null;
  evidenceId: string | null;
  /** The latest events, newest last (bounded). */
  events: ProspectEvent[];
}

export interface ProspectLifecycleInput {
  prospectId: string;
  policy: PolicySnapshot;
  /** Carried over by continue-as-new. */
  state?: ProspectLifecycleState;
}

export interface ProspectLifecycleView extends Omit<ProspectLifecycleState, 'policy' | 'erasure'> {
  workflowId: string;
  /** Last contact + RETENTION_PROSPECT, within 5 years less the margin; sooner on an erasure request. */
  anonymiseDueAt: string | null;
  /** The next step's due time; null while held or when nothing is pending. */
  nextDueAt: string | null;
  erasureRequestedAt: string | null;
  policyVersion: string;
}

/** The lifecycle as the API reports it: the workflow's view, or a summary when none is running. */
export type ProspectLifecycleReport = Omit<ProspectLifecycleView, 'workflowId'> & { workflowId: string | null };

export interface ProspectLifecycleResult {
  prospectId: string;
  phase: 'ANONYMISED' | 'CONVERTED';
  evidenceId: string | null;
}

export interface ContactRequest {
  /** ISO-8601 instant of the contact. */
  contactedAt: string;
}

export interface ConversionRequest {
  /** The customer's opaque ID. */
  customerId: string;
}

export const endProspectUpdate = defineUpdate<ProspectLifecycleView, [TerminationRequest]>('terminate');
export const restoreProspectUpdate = defineUpdate<ProspectLifecycleView, [RestoreRequest]>('restore');
export const prospectErasureUpdate = defineUpdate<ProspectLifecycleView, [ReasonRequest]>('requestErasure');
export const prospectHoldUpdate = defineUpdate<ProspectLifecycleView, [ReasonRequest]>('placeHold');
export const prospectReleaseUpdate = defineUpdate<ProspectLifecycleView, [ReasonRequest]>('releaseHold');
export const prospectContactUpdate = defineUpdate<ProspectLifecycleView, [ContactRequest]>('contact');
export const prospectConversionUpdate = defineUpdate<ProspectLifecycleView, [ConversionRequest]>('convert');
export const prospectStateQuery = defineQuery<ProspectLifecycleView>('state');

export function prospectWorkflowId(prospectId: string): string {
  return lifecycleWorkflowId('prospect', prospectId);
}
