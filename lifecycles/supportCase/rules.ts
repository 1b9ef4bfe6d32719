// Pure rules of the support-case lifecycle: when the requester's details are erased and which
// action is allowed when. Free of Temporal calls (except the failure type).
import { ApplicationFailure } from '@temporalio/workflow';
import { aimedWithin } from '../../policy/deadlines';
import { DEFAULT_DURATIONS, NOTICE_MAXIMA } from '../../policy/retention';
import { PHASE_CONFLICT } from '../shared/contract';
import {
  supportCaseWorkflowId,
  type SupportCaseEventKind,
  type SupportCaseLifecycleInput,
  type SupportCaseLifecycleState,
  type SupportCaseLifecycleView,
} from './contract';

const MAX_EVENTS = 50;

export function initialState(input: SupportCaseLifecycleInput): SupportCaseLifecycleState {
  return (
    input.state ?? {
      caseId: input.caseId,
      customerId: input.customerId,
      phase: 'OPEN',
      policy: input.policy,
      closedAt: null,
      hold: null,
      erasure: null,
      erasing: false,
      erasedAt: null,
      erasureRule: null,
      evidenceId: null,
      reopenedAt: null,
      events: [],
    }
  );
}

export function conflict(message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, PHASE_CONFLICT);
}

export function record(s: SupportCaseLifecycleState, kind: SupportCaseEventKind, nowMs: number, detail: string | null = null): void {
  s.events.push({ at: new Date(nowMs).toISOString(), kind, detail });
  if (s.events.length > MAX_EVENTS) s.events.splice(0, s.events.length - MAX_EVENTS);
}

/**
 * Closure + RETENTION_SUPPORT_CASE, aimed the safety margin before the 3 years at the latest; an
 * erasure request brings it forward to the request, open or closed.
 */
export function eraseDueMs(s: SupportCaseLifecycleState): number | null {
  const requested = s.erasure ? Date.parse(s.erasure.requestedAt) : null;
  if (!s.closedAt) return requested;
  const configured = s.policy.supportCase ?? DEFAULT_DURATIONS.supportCase;
  const due = aimedWithin(Date.parse(s.closedAt), configured, NOTICE_MAXIMA.supportCase, s.policy.safetyMargin);
  return requested === null ? due : Math.min(requested, due);
}

/** True when the erasure should run now: due, not held, not already running or done. */
export function erasureDue(s: SupportCaseLifecycleState, nowMs: number): boolean {
  if (s.hold || s.erasing || s.phase === 'ERASED') return false;
  const due = eraseDueMs(s);
  return due !== null && due <= nowMs;
}

export function nextDueMs(s: SupportCaseLifecycleState): number | null {
  if (s.hold || s.phase === 'ERASED') return null;
  return eraseDueMs(s);
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function view(s: SupportCaseLifecycleState): SupportCaseLifecycleView {
  return {
    workflowId: supportCaseWorkflowId(s.caseId),
    caseId: s.caseId,
    customerId: s.customerId,
    phase: s.phase,
    closedAt: s.closedAt,
    eraseDueAt: s.phase === 'ERASED' ? null : iso(eraseDueMs(s)),
    nextDueAt: iso(nextDueMs(s)),
    hold: s.hold,
    erasureRequestedAt: s.erasure?.requestedAt ?? null,
    erasing: s.erasing,
    erasedAt: s.erasedAt,
    erasureRule: s.erasureRule,
    evidenceId: s.evidenceId,
    reopenedAt: s.reopenedAt,
    events: s.events,
    policyVersion: s.policy.version,
  };
}

/** A repeated closure keeps the first time: the case was closed then. */
export function close(s: SupportCaseLifecycleState, closedAt: string, reason: string | undefined, nowMs: number): boolean {
  if (s.phase !== 'OPEN') return false;
  s.phase = 'CLOSED';
  s.closedAt = closedAt;
  s.reopenedAt = null;
  record(s, 'closed', nowMs, reason ?? null);
  return true;
}

export function reopen(s: SupportCaseLifecycleState, reason: string | undefined, nowMs: number): void {
  s.phase = 'OPEN';
  s.closedAt = null;
  s.reopenedAt = new Date(nowMs).toISOString();
  record(s, 'reopened', nowMs, reason ?? null);
}

export function placeHold(s: SupportCaseLifecycleState, reason: string, nowMs: number): void {
  if (s.hold) return;
  s.hold = { reason, since: new Date(nowMs).toISOString() };
  record(s, 'hold-placed', nowMs, reason);
}

export function releaseHold(s: SupportCaseLifecycleState, reason: string | undefined, nowMs: number): void {
  s.hold = null;
  record(s, 'hold-released', nowMs, reason ?? null);
}

export function assertNotFinal(s: SupportCaseLifecycleState, action: string): void {
  if (s.phase === 'ERASED') throw conflict(`cannot ${action}: the requester's details have already been erased`);
  if (s.erasing) throw conflict(`cannot ${action}: the erasure is running`);
}

export function assertReopenable(s: SupportCaseLifecycleState): void {
  assertNotFinal(s, 'reopen');
  if (s.erasure) throw conflict('cannot reopen: an erasure request is pending');
}

export function assertClosable(s: SupportCaseLifecycleState, closedAt: string): void {
  if (Number.isNaN(Date.parse(closedAt))) throw conflict('closedAt is not a valid time');
  assertNotFinal(s, 'close');
}
