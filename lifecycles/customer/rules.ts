// Pure rules of the customer-relationship lifecycle: due dates, the 5-year cap, which action is
// allowed when. Free of Temporal calls (except the failure type) so they are easy to test and review.
import { ApplicationFailure } from '@temporalio/workflow';
import { addIsoDuration } from '../../policy/duration';
import { aimedWithin } from '../../policy/deadlines';
import { NOTICE_CAP, NOTICE_MAXIMA } from '../../policy/retention';
import { PHASE_CONFLICT } from '../shared/contract';
import {
  customerWorkflowId,
  type AnonymisationRule,
  type CascadeAction,
  type CustomerEventKind,
  type CustomerLifecycleInput,
  type CustomerLifecycleState,
  type CustomerLifecycleView,
} from './contract';

/** Events kept in state; older ones stay in Temporal history (and the evidence ledger). */
const MAX_EVENTS = 50;

export function initialState(input: CustomerLifecycleInput): CustomerLifecycleState {
  return (
    input.state ?? {
      customerId: input.customerId,
      phase: 'ACTIVE',
      policy: input.policy,
      endedAt: null,
      terminationReason: null,
      hold: null,
      heldPastCap: null,
      erasure: null,
      cascade: null,
      anonymising: false,
      crmAnonymisedAt: null,
      crmEvidenceId: null,
      erpAnonymisedAt: null,
      erpEvidenceId: null,
      restoredAt: null,
      events: [],
    }
  );
}

export function conflict(message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, PHASE_CONFLICT);
}

export function record(s: CustomerLifecycleState, kind: CustomerEventKind, nowMs: number, detail: string | null = null): void {
  s.events.push({ at: new Date(nowMs).toISOString(), kind, detail });
  if (s.events.length > MAX_EVENTS) s.events.splice(0, s.events.length - MAX_EVENTS);
}

/**
 * The notice's absolute limit, end of relationship + 5 years. A constant, not the snapshot's
 * erpMax: start-up refuses a longer setting, and this clamp means even a bad snapshot (an old
 * workflow, a hand-made input) cannot carry data past it.
 */
export function capMs(s: CustomerLifecycleState): number | null {
  return s.endedAt ? addIsoDuration(new Date(s.endedAt), NOTICE_CAP).getTime() : null;
}

/** The cap's date for ERP: the configured period, aimed the safety margin before «etter 5 år», never past it. */
function erpCapDueMs(s: CustomerLifecycleState): number | null {
  const cap = capMs(s);
  if (!s.endedAt || cap === null) return null;
  return Math.min(aimedWithin(Date.parse(s.endedAt), s.policy.erpMax, NOTICE_CAP, s.policy.safetyMargin), cap);
}

/** True when ERP personal data goes with the CRM data: this lifecycle runs that code and no legal duty keeps it. */
export function erpGoesWithCrm(s: CustomerLifecycleState): boolean {
  return s.erpWithCrm === true && !s.policy.erpLegalDuty;
}

/**
 * CRM anonymisation: end + RETENTION_CRM_ANONYMISE, aimed the safety margin before «innen 3 år»,
 * never after the cap.
 */
export function crmDueMs(s: CustomerLifecycleState): number | null {
  const cap = erpCapDueMs(s);
  if (!s.endedAt || cap === null) return null;
  const due = Math.min(aimedWithin(Date.parse(s.endedAt), s.policy.crmAnonymise, NOTICE_MAXIMA.crmAnonymise, s.policy.safetyMargin), cap);
  // An erasure request brings the CRM step forward to the request (art. 17).
  return s.erasure ? Math.min(Date.parse(s.erasure.requestedAt), due) : due;
}

/**
 * ERP anonymisation: with the CRM step («Ved avslutning av kundeforhold vil personopplysninger bli
 * anonymisert eller fjernet innen 3 år»), or, under a configured legal duty or in a lifecycle from
 * before that change, at the cap; an erasure request moves it only when it goes with the CRM.
 */
export function erpDueMs(s: CustomerLifecycleState): number | null {
  return erpGoesWithCrm(s) ? crmDueMs(s) : erpCapDueMs(s);
}

export type Step = 'crm' | 'erp';

/** The rule a step runs under: ERP under the CRM's rule when it goes with it, under the cap's when a legal duty or older code keeps it there. */
export function stepRule(s: CustomerLifecycleState, step: Step): AnonymisationRule {
  const crmRule = s.erasure ? 'crm.erasure' : 'crm.anonymise';
  return step === 'erp' && !erpGoesWithCrm(s) ? 'erp.cap' : crmRule;
}

/** The step to run now, if any: nothing runs while a legal hold stands. */
export function stepDue(s: CustomerLifecycleState, nowMs: number): Step | null {
  if (s.hold || s.anonymising) return null;
  const next = pendingStep(s);
  if (next === 'crm') return crmDueMs(s)! <= nowMs ? 'crm' : null;
  if (next === 'erp') return erpDueMs(s)! <= nowMs ? 'erp' : null;
  return null;
}

function pendingStep(s: CustomerLifecycleState): Step | null {
  if (s.phase === 'ENDED') return 'crm';
  if (s.phase === 'CRM_ANONYMISED') return 'erp';
  return null;
}

/** When the loop must wake next: the pending step's due time, or (on hold) the cap, to flag it. */
export function nextWakeMs(s: CustomerLifecycleState): number | null {
  const next = pendingStep(s);
  if (next === null) return null;
  if (s.hold) return s.heldPastCap ? null : erpCapDueMs(s);
  return next === 'crm' ? crmDueMs(s) : erpDueMs(s);
}

export function nextDueMs(s: CustomerLifecycleState): number | null {
  const next = pendingStep(s);
  if (next === null || s.hold) return null;
  return next === 'crm' ? crmDueMs(s) : erpDueMs(s);
}

/** True once the ERP step's time (the effective cap) has passed while a hold keeps the data. */
export function isPastCapOnHold(s: CustomerLifecycleState, nowMs: number): boolean {
  const erp = erpCapDueMs(s);
  return !!s.hold && pendingStep(s) !== null && erp !== null && erp <= nowMs;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function view(s: CustomerLifecycleState): CustomerLifecycleView {
  const pending = pendingStep(s);
  return {
    workflowId: customerWorkflowId(s.customerId),
    customerId: s.customerId,
    phase: s.phase,
    endedAt: s.endedAt,
    terminationReason: s.terminationReason,
    crmAnonymiseDueAt: pending === 'crm' ? iso(crmDueMs(s)) : null,
    erpAnonymiseDueAt: pending !== null ? iso(erpDueMs(s)) : null,
    capAt: iso(capMs(s)),
    ruleInForce: stepRule(s, pending ?? (s.phase === 'ENDED' || s.phase === 'ACTIVE' ? 'crm' : 'erp')),
    nextDueAt: iso(nextDueMs(s)),
    hold: s.hold,
    heldPastCap: s.heldPastCap !== null && s.hold !== null,
    heldPastCapReason: s.hold ? (s.heldPastCap?.reason ?? null) : null,
    erasureRequestedAt: s.erasure?.requestedAt ?? null,
    cascade: s.cascade,
    anonymising: s.anonymising,
    crmAnonymisedAt: s.crmAnonymisedAt,
    crmEvidenceId: s.crmEvidenceId,
    erpAnonymisedAt: s.erpAnonymisedAt,
    erpEvidenceId: s.erpEvidenceId,
    restoredAt: s.restoredAt,
    events: s.events,
    policyVersion: s.policy.version,
  };
}

/** Starts (or restarts from the first user) the cascade; a running one is superseded. */
export function startCascade(s: CustomerLifecycleState, action: CascadeAction, reason: string | null): void {
  s.cascade = {
    action,
    generation: (s.cascade?.generation ?? 0) + 1,
    terminatedAt: s.endedAt,
    reason,
    usersDone: 0,
    usersSkipped: 0,
    lastUserId: null,
    done: false,
    finishedAt: null,
  };
}

export function terminate(s: CustomerLifecycleState, endedAt: string, reason: string | undefined, nowMs: number): void {
  s.phase = 'ENDED';
  s.endedAt = endedAt;
  s.terminationReason = reason ?? null;
  s.restoredAt = null;
  record(s, 'terminated', nowMs, reason ?? null);
  startCascade(s, 'terminate', reason ?? null);
}

/** "Earlier deadline wins" at the customer level: a repeated termination only ever moves the end earlier. */
export function isEarlierTermination(s: CustomerLifecycleState, endedAt: string): boolean {
  return s.phase === 'ENDED' && !s.anonymising && !!s.endedAt && Date.parse(endedAt) < Date.parse(s.endedAt);
}

export function restore(s: CustomerLifecycleState, reason: string | undefined, nowMs: number): void {
  s.phase = 'ACTIVE';
  s.endedAt = null;
  s.terminationReason = null;
  s.heldPastCap = null;
  s.restoredAt = new Date(nowMs).toISOString();
  record(s, 'restored', nowMs, reason ?? null);
  startCascade(s, 'restore', reason ?? null);
}

export function placeHold(s: CustomerLifecycleState, reason: string, nowMs: number): void {
  if (s.hold) return; // idempotent: the first hold's reason and start stand
  s.hold = { reason, since: new Date(nowMs).toISOString() };
  record(s, 'hold-placed', nowMs, reason);
}

export function releaseHold(s: CustomerLifecycleState, reason: string | undefined, nowMs: number): void {
  s.hold = null;
  s.heldPastCap = null;
  record(s, 'hold-released', nowMs, reason ?? null);
}

export function assertNotFinal(s: CustomerLifecycleState, action: string): void {
  if (s.phase === 'CLOSED') throw conflict(`cannot ${action}: the customer's CRM and ERP data have already been anonymised`);
  if (s.anonymising) throw conflict(`cannot ${action}: an anonymisation is running`);
}

export function assertRestorable(s: CustomerLifecycleState): void {
  assertNotFinal(s, 'restore');
  if (s.phase === 'CRM_ANONYMISED')
    throw conflict('cannot restore: the CRM data has already been anonymised; a returning customer is provisioned anew');
  if (s.erasure) throw conflict('cannot restore: an erasure request is pending');
}
