// Pure rules of the user lifecycle: which action is allowed when, and how the deadline moves.
// Kept free of Temporal calls so the workflow stays a thin loop around them.
import { ApplicationFailure } from '@temporalio/workflow';
import { addIsoDuration } from '../../policy/duration';
import { PHASE_CONFLICT } from '../shared/contract';
import {
  userWorkflowId,
  type TerminationSource,
  type UserLifecycleInput,
  type UserLifecycleState,
  type UserLifecycleView,
} from './contract';

export function initialState(input: UserLifecycleInput): UserLifecycleState {
  return (
    input.state ?? {
      userId: input.userId,
      customerId: input.customerId,
      phase: 'ACTIVE',
      policy: input.policy,
      terminatedAt: null,
      terminationReason: null,
      heldMs: 0,
      hold: null,
      erasure: null,
      purging: false,
      purgedAt: null,
      purgeRule: null,
      evidenceId: null,
      restoredAt: null,
    }
  );
}

export function conflict(message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, PHASE_CONFLICT);
}

/** The moment quarantine ends before any hold: termination time plus the quarantine duration. */
function quarantineEndMs(s: UserLifecycleState): number | null {
  return s.terminatedAt ? addIsoDuration(new Date(s.terminatedAt), s.policy.userQuarantine).getTime() : null;
}

/** Hold time that counts against the quarantine: only the part after termination. */
function runningHoldMs(s: UserLifecycleState, nowMs: number): number {
  if (!s.hold || !s.terminatedAt) return 0;
  const from = Math.max(Date.parse(s.hold.since), Date.parse(s.terminatedAt));
  return Math.max(0, nowMs - from);
}

/** When the purge falls due, or null while held or not terminated. */
export function purgeDueMs(s: UserLifecycleState): number | null {
  const end = quarantineEndMs(s);
  return end === null || s.hold ? null : end + s.heldMs;
}

export function view(s: UserLifecycleState, nowMs: number): UserLifecycleView {
  const end = quarantineEndMs(s);
  const due = purgeDueMs(s);
  const remaining = s.phase !== 'QUARANTINED' || end === null ? null : Math.max(0, end + s.heldMs + runningHoldMs(s, nowMs) - nowMs);
  return {
    workflowId: userWorkflowId(s.userId),
    userId: s.userId,
    customerId: s.customerId,
    phase: s.phase,
    terminatedAt: s.terminatedAt,
    purgeDueAt: s.phase === 'QUARANTINED' && due !== null ? new Date(due).toISOString() : null,
    remainingMs: remaining,
    hold: s.hold,
    erasureRequestedAt: s.erasure?.requestedAt ?? null,
    purging: s.purging,
    purgedAt: s.purgedAt,
    purgeRule: s.purgeRule,
    evidenceId: s.evidenceId,
    policyVersion: s.policy.version,
    quarantine: s.policy.userQuarantine,
    verificationFailed: s.verification?.ok === false,
    verification: s.verification ?? null,
  };
}

export function placeHold(s: UserLifecycleState, reason: string, nowMs: number): void {
  if (s.hold) return; // idempotent: the first hold's reason and start stand
  s.hold = { reason, since: new Date(nowMs).toISOString() };
}

/** The reason stays in the update's history: the user lifecycle keeps no event list. */
export function releaseHold(s: UserLifecycleState, _reason: string | undefined, nowMs: number): void {
  s.heldMs += runningHoldMs(s, nowMs);
  s.hold = null;
}

export function assertNotFinal(s: UserLifecycleState, action: string): void {
  if (s.phase === 'PURGED') throw conflict(`cannot ${action}: the user's personal data has already been purged`);
  if (s.purging) throw conflict(`cannot ${action}: the purge is already running`);
}

/** Terminating a restored user starts a fresh quarantine: the old clock and holds' time no longer apply. */
export function terminate(
  s: UserLifecycleState,
  terminatedAt: string,
  reason: string | undefined,
  by: TerminationSource = INDIVIDUAL,
): void {
  s.terminatedBy = [by];
  s.phase = 'QUARANTINED';
  s.terminatedAt = terminatedAt;
  s.terminationReason = reason ?? null;
  s.heldMs = 0;
  s.restoredAt = null;
}

const INDIVIDUAL: TerminationSource = { kind: 'individual' };

/** A repeated termination adds its source (data only: no commands, so old histories replay). */
export function noteTerminatedBy(s: UserLifecycleState, by: TerminationSource = INDIVIDUAL): void {
  const same = (a: TerminationSource) =>
    a.kind === by.kind && (a.kind !== 'customer' || (by.kind === 'customer' && a.customerId === by.customerId));
  s.terminatedBy ??= [];
  if (!s.terminatedBy.some(same)) s.terminatedBy.push(by);
}

/** True when the termination in force came from this customer's cascade and nothing else. */
export function terminatedOnlyByCustomer(s: UserLifecycleState, customerId: string): boolean {
  const by = s.terminatedBy ?? [];
  return by.length > 0 && by.every((b) => b.kind === 'customer' && b.customerId === customerId);
}

/**
 * "Earlier deadline wins": a user terminated twice (individually and by the customer's end, in either
 * order) keeps the EARLIER termination time and so the earlier purge deadline.
 */
export function isEarlierTermination(s: UserLifecycleState, terminatedAt: string): boolean {
  return s.phase === 'QUARANTINED' && !s.purging && !!s.terminatedAt && Date.parse(terminatedAt) < Date.parse(s.terminatedAt);
}

export function restore(s: UserLifecycleState, nowMs: number): void {
  s.phase = 'ACTIVE';
  s.terminatedAt = null;
  s.terminationReason = null;
  s.heldMs = 0;
  s.terminatedBy = [];
  s.restoredAt = new Date(nowMs).toISOString();
}
