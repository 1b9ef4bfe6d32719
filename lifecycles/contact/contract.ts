// The contact-person lifecycle's message contract: a contact who leaves a customer that stays
// active gets a lifecycle of their own, started by the departure. Only opaque IDs, times, reason
// codes and caller-supplied reasons travel here; never a name, e-mail address or phone number.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { PolicySnapshot, RuleId } from '../../policy/retention';
import { lifecycleWorkflowId, type Hold, type ReasonRequest, type RestoreRequest, type TerminationRequest } from '../shared/contract';

export const CONTACT_PHASES = ['ACTIVE', 'DEPARTED', 'ANONYMISED'] as const;
export type ContactPhase = (typeof CONTACT_PHASES)[number];

/** The rule each phase runs under; an active contact's data is kept under the customer's contract. */
export const CONTACT_RULE_BY_PHASE: Partial<Record<ContactPhase, RuleId>> = {
  DEPARTED: 'contact.anonymise',
  ANONYMISED: 'contact.anonymise',
};

/** Why a contact left, as a code: the departure carries no free text. */
export const DEPARTURE_REASONS = ['left-company', 'role-changed', 'customer-request', 'other'] as const;
export type DepartureReason = (typeof DEPARTURE_REASONS)[number];

/** The rules a contact's anonymisation runs under. */
export type ContactAnonymisationRule = Extract<RuleId, 'contact.anonymise' | 'contact.erasure'>;

export const CONTACT_EVENT_KINDS = ['departed', 'returned', 'erasure-requested', 'hold-placed', 'hold-released', 'anonymised'] as const;
export type ContactEventKind = (typeof CONTACT_EVENT_KINDS)[number];

export interface ContactEvent {
  at: string;
  kind: ContactEventKind;
  /** A reason code, a rule ID or a caller's reason (validated by the API); never personal data. */
  detail: string | null;
}

export interface ContactLifecycleState {
  contactId: string;
  /** The customer the contact belongs to (opaque): its CustomerId search attribute and projection. */
  customerId: string | null;
  phase: ContactPhase;
  policy: PolicySnapshot;
  departedAt: string | null;
  departureReason: string | null;
  hold: Hold | null;
  erasure: { reason: string; requestedAt: string } | null;
  anonymising: boolean;
  anonymisedAt: string | null;
  evidenceId: string | null;
  restoredAt: string | null;
  /** The latest events, newest last (bounded so continue-as-new stays small). */
  events: ContactEvent[];
}

export interface ContactLifecycleInput {
  contactId: string;
  customerId: string | null;
  policy: PolicySnapshot;
  /** Carried over by continue-as-new. */
  state?: ContactLifecycleState;
}

/** What the state query and every update answer: the state with its due dates, the policy as its version. */
export interface ContactLifecycleView extends Omit<ContactLifecycleState, 'policy' | 'erasure'> {
  workflowId: string;
  /** Departure + RETENTION_CONTACT, aimed the safety margin before «innen 3 år»; at once on erasure. */
  anonymiseDueAt: string | null;
  /** The next step's due time; null while held or when nothing is pending. */
  nextDueAt: string | null;
  erasureRequestedAt: string | null;
  policyVersion: string;
}

/** The lifecycle as the API reports it: the workflow's view, or a summary when none is running. */
export type ContactLifecycleReport = Omit<ContactLifecycleView, 'workflowId'> & { workflowId: string | null };

export interface ContactLifecycleResult {
  contactId: string;
  phase: 'ANONYMISED';
  evidenceId: string | null;
}

// The departure is every kind's `terminate` update: its reason is the departure's reason code.
export const contactDepartureUpdate = defineUpdate<ContactLifecycleView, [TerminationRequest]>('terminate');
export const restoreContactUpdate = defineUpdate<ContactLifecycleView, [RestoreRequest]>('restore');
export const contactErasureUpdate = defineUpdate<ContactLifecycleView, [ReasonRequest]>('requestErasure');
export const contactHoldUpdate = defineUpdate<ContactLifecycleView, [ReasonRequest]>('placeHold');
export const contactReleaseUpdate = defineUpdate<ContactLifecycleView, [ReasonRequest]>('releaseHold');
export const contactStateQuery = defineQuery<ContactLifecycleView>('state');

export function contactWorkflowId(contactId: string): string {
  return lifecycleWorkflowId('contact', contactId);
}
