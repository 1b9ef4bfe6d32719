// Pure rules of the prospect lifecycle: when its CRM data is anonymised (the last contact +
// RETENTION_PROSPECT, aimed the safety margin before the notice's 5 years) and which action is
// allowed when. Free of Temporal calls (except the failure type).
import { ApplicationFailure } from '@temporalio/workflow';
import { aimedWithin } from '../../policy/deadlines';
import { DEFAULT_DURATIONS, NOTICE_MAXIMA } from '../../policy/retention';
import { PHASE_CONFLICT } from '../shared/contract';
import {
  prospectWorkflowId,
  type ProspectEventKind,
  type ProspectLifecycleInput,
  type ProspectLifecycleState,
  type ProspectLifecycleView,
} from './contract';

const MAX_EVENTS = 50;

export function initialState(input: ProspectLifecycleInput): ProspectLifecycleState {
  return (
    input.state ?? {
      prospectId: input.prospectId,
      customerId: null,
      phase: 'ACTIVE',
      policy: input.policy,
      lastContactAt: null,
      endedAt: null,
      hold: null,
      erasure: null,
      erasing: false,
      anonymisedAt: null,
      anonymisationRule: null,
      convertedAt: null,
      evidenceId: null,
      events: [],
    }
  );
}

export function conflict(message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, PHASE_CONFLICT);
}

export function record(s: ProspectLifecycleState, kind: ProspectEventKind, nowMs: number, detail: string | null = null): void {
  s.events.push({ at: new Date(nowMs).toISOString(), kind, detail });
  if (s.events.length > MAX_EVENTS) s.events.splice(0, s.events.length - MAX_EVENTS);
}

export const isFinal = (s: ProspectLifecycleState) => s.phase === 'ANONYMISED' || s.phase === 'CONVERTED';

/**
 * The last contact + RETENTION_PROSPECT, but never later than the 5 years less the safety margin;
 * an erasure request brings it forward to the request.
 */
export function anonymiseDueMs(s: ProspectLifecycleState): number | null {
  const requested = s.erasure ? Date.parse(s.erasure.requestedAt) : null;
  if (!s.lastContactAt) return requested;
  const configured = s.policy.prospect ?? DEFAULT_DURATIONS.prospect;
  const due = aimedWithin(Date.parse(s.lastContactAt), configured, NOTICE_MAXIMA.prospect, s.policy.safetyMargin);
  return requested === null ? due : Math.min(requested, due);
}

/** True when the anonymisation should run now: due, not held, not already running or done. */
export function anonymisationDue(s: ProspectLifecycleState, nowMs: number): boolean {
  if (s.hold || s.erasing || isFinal(s)) return false;
  const due = anonymiseDueMs(s);
  return due !== null && due <= nowMs;
}

export function nextDueMs(s: ProspectLifecycleState): number | null {
  if (s.hold || isFinal(s)) return null;
  return anonymiseDueMs(s);
}

/** The rule an anonymisation runs under: the request's, when it came before the retention ran out. */
export function anonymisationRule(s: ProspectLifecycleState): 'prospect.anonymise' | 'prospect.erasure' {
  const due = s.lastContactAt ? anonymiseDueMs({ ...s, erasure: null }) : null;
  return s.erasure && (due === null || Date.parse(s.erasure.requestedAt) <= due) ? 'prospect.erasure' : 'prospect.anonymise';
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function view(s: ProspectLifecycleState): ProspectLifecycleView {
  return {
    workflowId: prospectWorkflowId(s.prospectId),
    prospectId: s.prospectId,
    customerId: s.customerId,
    phase: s.phase,
    lastContactAt: s.lastContactAt,
    endedAt: s.endedAt,
    anonymiseDueAt: isFinal(s) ? null : iso(anonymiseDueMs(s)),
    nextDueAt: iso(nextDueMs(s)),
    hold: s.hold,
    erasureRequestedAt: s.erasure?.requestedAt ?? null,
    erasing: s.erasing,
    anonymisedAt: s.anonymisedAt,
    anonymisationRule: s.anonymisationRule,
    convertedAt: s.convertedAt,
    evidenceId: s.evidenceId,
    events: s.events,
    policyVersion: s.policy.version,
  };
}

/**
 * A contact restarts the clock: the latest contact counts, so one reported late (older than the one
 * known) changes nothing. Returns whether the clock moved.
 */
export function contact(s: ProspectLifecycleState, contactedAt: string, nowMs: number): boolean {
  const at = Date.parse(contactedAt);
  if (s.lastContactAt !== null && Date.parse(s.lastContactAt) >= at) return false;
  s.lastContactAt = new Date(at).toISOString();
  record(s, 'contacted', nowMs);
  return true;
}

/** The clock as the prospect's row says it, read at start: the later of it and any contact already seen. */
export function adoptClock(s: ProspectLifecycleState, fromRow: string): void {
  if (s.lastContactAt === null || Date.parse(s.lastContactAt) < Date.parse(fromRow))
    s.lastContactAt = new Date(Date.parse(fromRow)).toISOString();
}

/** NITD stops pursuing the prospect: recorded, the clock unchanged (the 5 years are the only rule). */
export function end(s: ProspectLifecycleState, endedAt: string, reason: string | undefined, nowMs: number): boolean {
  if (s.phase !== 'ACTIVE') return false;
  s.phase = 'ENDED';
  s.endedAt = endedAt;
  record(s, 'ended', nowMs, reason ?? null);
  return true;
}

export function restore(s: ProspectLifecycleState, reason: string | undefined, nowMs: number): void {
  s.phase = 'ACTIVE';
  s.endedAt = null;
  record(s, 'restored', nowMs, reason ?? null);
}

export function placeHold(s: ProspectLifecycleState, reason: string, nowMs: number): void {
  if (s.hold) return;
  s.hold = { reason, since: new Date(nowMs).toISOString() };
  record(s, 'hold-placed', nowMs, reason);
}

export function releaseHold(s: ProspectLifecycleState, reason: string | undefined, nowMs: number): void {
  s.hold = null;
  record(s, 'hold-released', nowMs, reason ?? null);
}

export function assertNotFinal(s: ProspectLifecycleState, action: string): void {
  if (s.phase === 'ANONYMISED') throw conflict(`cannot ${action}: the prospect's data has already been anonymised`);
  if (s.phase === 'CONVERTED') throw conflict(`cannot ${action}: the prospect has become customer ${s.customerId}`);
  if (s.erasing) throw conflict(`cannot ${action}: the anonymisation or conversion is running`);
}

export function assertTimeValid(at: string, field: string): void {
  if (Number.isNaN(Date.parse(at))) throw conflict(`${field} is not a valid time`);
}

export function assertRestorable(s: ProspectLifecycleState): void {
  assertNotFinal(s, 'restore');
  if (s.erasure) throw conflict('cannot restore: an erasure request is pending');
}

/** Conversion hands the data over and anonymises the prospect's row: a hold keeps the row as it is. */
export function assertConvertible(s: ProspectLifecycleState): void {
  assertNotFinal(s, 'convert');
  if (s.erasure) throw conflict('cannot convert: an erasure request is pending');
  if (s.hold) throw conflict('cannot convert: the prospect is on legal hold; release it first');
}
