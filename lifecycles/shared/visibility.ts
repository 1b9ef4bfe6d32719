// What a lifecycle shows of itself outside its history: search attributes for Temporal visibility
// and its row in the admin console's projection. Every kind shows the same few facts (opaque IDs,
// phase, next due time, hold, policy version), so both are written from one description.
import { upsertSearchAttributes } from '@temporalio/workflow';
import type { Hold } from './contract';
import type { ProjectionRow } from './projection';
import { CustomerId, LifecycleDueAt, LifecycleKind, LifecycleOnHold, LifecyclePhase, PolicyVersion } from './searchAttributes';

export interface LifecycleFacts {
  kind: ProjectionRow['kind'];
  subjectId: string;
  customerId: string | null;
  phase: string;
  /** The next step's due time; null while held or when nothing is pending. */
  dueMs: number | null;
  onHold: boolean;
  policyVersion: string;
}

/** The state every lifecycle kind keeps. */
interface CommonState {
  customerId: string | null;
  phase: string;
  hold: Hold | null;
  policy: { version: string };
}

export function lifecycleFacts(kind: LifecycleFacts['kind'], subjectId: string, dueMs: number | null, s: CommonState): LifecycleFacts {
  return { kind, subjectId, customerId: s.customerId, phase: s.phase, dueMs, onHold: s.hold !== null, policyVersion: s.policy.version };
}

export function publish(f: LifecycleFacts): void {
  upsertSearchAttributes([
    { key: LifecycleKind, value: f.kind },
    { key: LifecyclePhase, value: f.phase },
    { key: LifecycleDueAt, value: f.dueMs === null ? null : new Date(f.dueMs) },
    { key: LifecycleOnHold, value: f.onHold },
    { key: CustomerId, value: f.customerId },
    { key: PolicyVersion, value: f.policyVersion },
  ]);
}

export function projectionRow(f: LifecycleFacts, status: ProjectionRow['status']): ProjectionRow {
  return {
    kind: f.kind,
    subjectId: f.subjectId,
    customerId: f.customerId,
    phase: f.phase,
    status,
    dueAt: f.dueMs === null ? null : new Date(f.dueMs).toISOString(),
    onHold: f.onHold,
    policyVersion: f.policyVersion,
  };
}
