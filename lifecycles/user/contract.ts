// The user lifecycle's message contract: the workflow sets handlers for these, the API and the
// customer cascade call them. Only opaque IDs, times and caller-supplied reasons travel here.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { PolicySnapshot, RuleId } from '../../policy/retention';
import { lifecycleWorkflowId, type Hold, type ReasonRequest, type RestoreRequest, type TerminationRequest } from '../shared/contract';

export const USER_PHASES = ['ACTIVE', 'QUARANTINED', 'PURGED'] as const;
export type UserPhase = (typeof USER_PHASES)[number];

/** The rule each phase runs under, unless the lifecycle reports another (an erasure: user.erasure). */
export const USER_RULE_BY_PHASE: Record<UserPhase, RuleId> = {
  ACTIVE: 'user.retain-while-active',
  QUARANTINED: 'user.quarantine-purge',
  PURGED: 'user.quarantine-purge',
};

/** The rules a user's purge runs under. */
export type PurgeRule = Extract<RuleId, 'user.quarantine-purge' | 'user.erasure'>;

/** Who terminated the user: the customer's cascade or the user's own termination (API, erasure). */
export type TerminationSource = { kind: 'customer'; customerId: string } | { kind: 'individual' };

export interface UserLifecycleState {
  userId: string;
  customerId: string | null;
  phase: UserPhase;
  policy: PolicySnapshot;
  terminatedAt: string | null;
  terminationReason: string | null;
  /** Time spent under legal hold since termination; it pushes the purge back by as much. */
  heldMs: number;
  hold: Hold | null;
  erasure: { reason: string; requestedAt: string } | null;
  purging: boolean;
  purgedAt: string | null;
  purgeRule: string | null;
  evidenceId: string | null;
  restoredAt: string | null;
  /** Every source of the termination in force (absent in histories from before customer cascades). */
  terminatedBy?: TerminationSource[];
  /** The post-purge verification (absent in histories from before it existed). */
  verification?: VerificationStatus | null;
}

/** Where the post-purge verification stands; checks are counts per store, never values. */
export interface VerificationStatus {
  ok: boolean;
  attempts: number;
  checkedAt: string;
  failed: { store: string; check: string; found: number }[];
  evidenceId: string | null;
}

export interface UserLifecycleInput {
  userId: string;
  customerId: string | null;
  policy: PolicySnapshot;
  /** Carried over by continue-as-new. */
  state?: UserLifecycleState;
}

export interface UserLifecycleView {
  workflowId: string;
  userId: string;
  customerId: string | null;
  phase: UserPhase;
  terminatedAt: string | null;
  purgeDueAt: string | null;
  /** Quarantine time left; frozen while on hold. */
  remainingMs: number | null;
  hold: Hold | null;
  erasureRequestedAt: string | null;
  purging: boolean;
  purgedAt: string | null;
  purgeRule: string | null;
  evidenceId: string | null;
  policyVersion: string;
  quarantine: string;
  /** True while the post-purge verification found something left: the lifecycle stays open. */
  verificationFailed?: boolean;
  verification?: VerificationStatus | null;
}

export interface UserTerminationRequest extends TerminationRequest {
  /** Defaults to an individual termination. */
  source?: TerminationSource;
}

export interface UserRestoreRequest extends RestoreRequest {
  /** A customer's come-back: restore only if that customer's cascade was the only termination. */
  onlyIfTerminatedByCustomer?: string;
}

/** The lifecycle as the API reports it: the workflow's view, or a summary when none is running. */
export type UserLifecycleReport = Omit<UserLifecycleView, 'workflowId'> & { workflowId: string | null };

export interface UserLifecycleResult {
  userId: string;
  phase: 'PURGED';
  purgedAt: string | null;
  purgeRule: string | null;
  evidenceId: string | null;
  /** The ledger record of the post-purge verification. */
  verificationEvidenceId?: string | null;
}

export const terminateUpdate = defineUpdate<UserLifecycleView, [UserTerminationRequest]>('terminate');
export const restoreUpdate = defineUpdate<UserLifecycleView, [UserRestoreRequest]>('restore');
export const erasureUpdate = defineUpdate<UserLifecycleView, [ReasonRequest]>('requestErasure');
export const holdUpdate = defineUpdate<UserLifecycleView, [ReasonRequest]>('placeHold');
export const releaseUpdate = defineUpdate<UserLifecycleView, [ReasonRequest]>('releaseHold');
export interface ReassignRequest {
  /** The customer the user belongs to now (the service checked it is active). */
  customerId: string;
}

/**
 * The user moved to another customer: search attributes and the console's row follow. A signal,
 * not an update: provisioning tells the lifecycle and goes on, it needs no answer.
 */
export const customerReassignedSignal = defineSignal<[ReassignRequest]>('customerReassigned');
/** After the data was fixed, verify again now instead of at the next hourly retry. */
export const retryVerificationUpdate = defineUpdate<UserLifecycleView, [ReasonRequest]>('retryVerification');
export const stateQuery = defineQuery<UserLifecycleView>('state');

export function userWorkflowId(userId: string): string {
  return lifecycleWorkflowId('user', userId);
}
