// Pure rules of the contact-person lifecycle: when a departed contact's data is anonymised, and
// which action is allowed when. Free of Temporal calls (except the failure type).
import { ApplicationFailure } from '@temporalio/workflow';
import { aimedWithin } from '../../policy/deadlines';
import { contactRetention, NOTICE_MAXIMA } from '../../policy/retention';
import { PHASE_CONFLICT } from '../shared/contract';
import {
  contactWorkflowId,
  type ContactEventKind,
  type ContactLifecycleInput,
  type ContactLifecycleState,
  type ContactLifecycleView,
} from './contract';

/** Events kept in state; older ones stay in Temporal history (and the evidence ledger). */
const MAX_EVENTS = 50;

export function initialState(input: ContactLifecycleInput): ContactLifecycleState {
  return (
    input.state ?? {
      contactId: input.contactId,
      customerId: input.customerId,
      phase: 'ACTIVE',
      policy: input.policy,
      departedAt: null,
      departureReason: null,
      hold: null,
      erasure: null,
      anonymising: false,
      anonymisedAt: null,
      evidenceId: null,
      restoredAt: null,
      events: [],
    }
  );
}

export function conflict(message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, PHASE_CONFLICT);
}

export function record(s: ContactLifecycleState, kind: ContactEventKind, nowMs: number, detail: string | null = null): void {
  s.events.push({ at: new Date(nowMs).toISOString(), kind, detail });
  if (s.events.length > MAX_EVENTS) s.events.splice(0, s.events.length - MAX_EVENTS);
}

/**
 * Departure + RETENTION_CONTACT, but never later than «innen 3 år» less the safety margin (the
 * notice's limit, not the snapshot's setting, so not even a hand-made snapshot can pass it). An
 * erasure request brings it forward to the request (art. 17). Null while nothing is pending.
 */
export function anonymiseDueMs(s: ContactLifecycleState): number | null {
  if (s.phase === 'ANONYMISED') return null;
  const departed =
    s.departedAt === null
      ? null
      : aimedWithin(Date.parse(s.departedAt), contactRetention(s.policy), NOTICE_MAXIMA.contact, s.policy.safetyMargin);
  const erasure = s.erasure ? Date.parse(s.erasure.requestedAt) : null;
  if (departed === null) return erasure;
  return erasure === null ? departed : Math.min(departed, erasure);
}

/** True when the anonymisation should run now: due, not held, not already running. */
export function isDue(s: ContactLifecycleState, nowMs: number): boolean {
  if (s.hold || s.anonymising) return false;
  const due = anonymiseDueMs(s);
  return due !== null && due <= nowMs;
}

/** The next due time the loop sleeps towards, and the one the console shows: none while held. */
export function nextDueMs(s: ContactLifecycleState): number | null {
  return s.hold ? null : anonymiseDueMs(s);
}

/** A departure from an active contact, or a repeated one with an earlier time (earlier deadline wins). */
export function departureChanges(s: ContactLifecycleState, departedAt: string): boolean {
  if (s.anonymising || s.phase === 'ANONYMISED') return false;
  if (s.phase === 'ACTIVE') return true;
  return s.departedAt !== null && Date.parse(departedAt) < Date.parse(s.departedAt);
}

export function depart(s: ContactLifecycleState, departedAt: string, reason: string | undefined, nowMs: number): void {
  const first = s.phase === 'ACTIVE';
  s.phase = 'DEPARTED';
  s.departedAt = departedAt;
  if (first || s.departureReason === null) s.departureReason = reason ?? null;
  s.restoredAt = null;
  record(s, 'departed', nowMs, reason ?? null);
}

/** The contact came back (or the departure was reported in error): active again, nothing pending. */
export function restore(s: ContactLifecycleState, reason: string | undefined, nowMs: number): void {
  s.phase = 'ACTIVE';
  s.departedAt = null;
  s.departureReason = null;
  s.restoredAt = new Date(nowMs).toISOString();
  record(s, 'returned', nowMs, reason ?? null);
}

export function requestErasure(s: ContactLifecycleState, reason: string, nowMs: number): void {
  if (s.erasure) return; // idempotent: the first request's time stands
  s.erasure = { reason, requestedAt: new Date(nowMs).toISOString() };
  record(s, 'erasure-requested', nowMs, reason);
}

export function placeHold(s: ContactLifecycleState, reason: string, nowMs: number): void {
  if (s.hold) return; // idempotent: the first hold's reason and start stand
  s.hold = { reason, since: new Date(nowMs).toISOString() };
  record(s, 'hold-placed', nowMs, reason);
}

export function releaseHold(s: ContactLifecycleState, reason: string | undefined, nowMs: number): void {
  s.hold = null;
  record(s, 'hold-released', nowMs, reason ?? null);
}

export function assertNotFinal(s: ContactLifecycleState, action: string): void {
  if (s.phase === 'ANONYMISED') throw conflict(`cannot ${action}: the contact's data has already been anonymised`);
  if (s.anonymising) throw conflict(`cannot ${action}: an anonymisation is running`);
}

export function assertRestorable(s: ContactLifecycleState): void {
  assertNotFinal(s, 'restore');
  if (s.erasure) throw conflict('cannot restore: an erasure request is pending');
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function view(s: ContactLifecycleState): ContactLifecycleView {
  return {
    workflowId: contactWorkflowId(s.contactId),
    contactId: s.contactId,
    customerId: s.customerId,
    phase: s.phase,
    departedAt: s.departedAt,
    departureReason: s.departureReason,
    anonymiseDueAt: iso(anonymiseDueMs(s)),
    nextDueAt: iso(nextDueMs(s)),
    hold: s.hold,
    erasureRequestedAt: s.erasure?.requestedAt ?? null,
    anonymising: s.anonymising,
    anonymisedAt: s.anonymisedAt,
    evidenceId: s.evidenceId,
    restoredAt: s.restoredAt,
    events: s.events,
    policyVersion: s.policy.version,
  };
}
