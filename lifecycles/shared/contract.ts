// What every lifecycle kind's message contract shares: the kinds, the requests all kinds answer
// under the same names, the legal hold, and the failure type of a refused action. Types and
// constants only (no Temporal calls), so workflows, clients, the API and the console import it.

/** The lifecycle kinds; lifecycles/registry.ts lists each one's parts. */
export type KindName = 'user' | 'customer' | 'contact' | 'supportCase' | 'prospect';

/** How Temporal reports a lifecycle's execution, as the console's list shows it. */
export const LIFECYCLE_STATUSES = ['running', 'completed', 'cancelled', 'failed'] as const;
export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number];

/** The failure type a workflow refuses an action with: not allowed in the current phase. */
export const PHASE_CONFLICT = 'PhaseConflict';

/** What a lifecycle shows of itself outside its history: the console's list row. Opaque IDs, phases, times. */
export interface LifecycleRow {
  workflowId: string;
  runId: string | null;
  kind: KindName;
  subjectId: string;
  customerId: string | null;
  phase: string;
  status: LifecycleStatus;
  dueAt: string | null;
  onHold: boolean;
  policyVersion: string;
}

export interface Hold {
  reason: string;
  since: string;
}

/** An activity a lifecycle is waiting on, as Temporal describes it (lifecycles/operations.ts). */
export interface PendingActivity {
  activity: string | null;
  attempt: number;
  lastFailure: string | null;
}

export interface ReasonRequest {
  reason: string;
}

export interface TerminationRequest {
  /** ISO-8601 instant the retention counts from. */
  terminatedAt: string;
  reason?: string;
}

/** The request every kind's restore update takes (the reason is optional). */
export type RestoreRequest = Partial<ReasonRequest>;

/** The workflow ID scheme of every kind: one ID per subject, never reused once it completes. */
export function lifecycleWorkflowId(kind: KindName, subjectId: string): string {
  return `${kind}-lifecycle-${subjectId}`;
}

/** The kind and subject a lifecycle workflow ID names, or null for any other workflow. */
export function subjectOfWorkflowId(workflowId: string, kinds: readonly KindName[]): { kind: KindName; subjectId: string } | null {
  for (const kind of kinds) {
    const prefix = lifecycleWorkflowId(kind, '');
    if (workflowId.startsWith(prefix)) return { kind, subjectId: workflowId.slice(prefix.length) };
  }
  return null;
}
