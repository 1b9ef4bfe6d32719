// The records the admin console shows, in their JSON form (dates as ISO strings): the server
// builds them with these types and the console (admin-ui/) imports the same types, so the two
// cannot drift. Types and constants only: no server code, so the browser bundle can import it.
import type { Hold, KindName, LifecycleRow, LifecycleStatus, PendingActivity } from '../lifecycles/shared/contract';

export type { KindName, LifecycleStatus, PendingActivity };

/** Who may do what in the console; `auditor` reads, `admin` also acts. */
export type ConsoleRole = 'admin' | 'auditor';

export const ADMIN_ACTIONS = ['hold', 'release', 'restore', 'erasure', 'cancel'] as const;
export type AdminActionName = (typeof ADMIN_ACTIONS)[number];

/** One row of the lifecycle list (the projection), with react-admin's `id`. */
export interface LifecycleRecord extends LifecycleRow {
  id: string;
  updatedAt: string;
}

export interface AdminActionRecord {
  id: string;
  at: string;
  actorRole: string;
  /** Whose token it was (API_TOKENS' name); null on rows written before tokens were named. */
  actorName: string | null;
  /** On an outcome row: the `requested` row it answers. */
  requestId: string | null;
  /** Its place in the AdminAction ledger (hash-chained and sealed like the evidence). */
  seq: string;
  hash: string | null;
  action: string;
  workflowId: string;
  subjectKind: string;
  subjectId: string;
  reason: string | null;
  outcome: string;
  detail: string | null;
}

/** The rule a lifecycle runs under, as its page shows it. */
export interface RuleInForce {
  id: string;
  action: string;
  duration: string | null;
  trigger: string;
  notice: string;
}

/** A lifecycle's page: its row, what Temporal says now, its rule, and what was done to it. */
export interface LifecycleDetail extends LifecycleRecord {
  temporalStatus: string;
  state: Record<string, unknown> | null;
  pendingActivities: PendingActivity[];
  remainingMs: number | null;
  hold: Hold | null;
  rule: RuleInForce | null;
  adminActions: AdminActionRecord[];
  evidence: { id: string; rule: string; action: string; finishedAt: string }[];
}

export type TimelineKind = 'lifecycle' | 'request' | 'activity' | 'timer' | 'phase';
export type TimelineOutcome = 'ok' | 'failed' | 'pending' | 'cancelled';

export interface TimelineEntry {
  id: number;
  at: string;
  kind: TimelineKind;
  title: string;
  detail?: string;
  outcome?: TimelineOutcome;
  attempts?: number;
}

export interface LifecycleHistory {
  id: string;
  timeline: TimelineEntry[];
  adminActions: AdminActionRecord[];
}

export interface ActionOutcome {
  id: string;
  action: AdminActionName;
  outcome: 'accepted';
  lifecycle: LifecycleDetail;
}

/** Something the dashboard wants a person to look at; opaque IDs only. */
export interface Problem {
  workflowId: string;
  kind: string;
  subjectId: string;
  phase: string;
  problem: string;
  activity?: string;
  attempt?: number;
  lastFailure?: string | null;
}

export interface Dashboard {
  id: 'dashboard';
  generatedAt: string;
  counts: { kind: string; phase: string; status: string; count: number }[];
  weeks: { week: number; start: string; deletions: number; anonymisations: number }[];
  overdue: number;
  /** null when Temporal could not be asked. */
  problems: Problem[] | null;
  temporalStatus: 'ok' | 'unavailable';
}

/** What the console knows of each kind: its name, its collection and its phases. */
export interface KindInfo {
  kind: KindName;
  plural: string;
  phases: readonly string[];
}

export type ReconciliationTrigger = 'schedule' | 'manual' | 'other';

export interface ReconciliationRunRecord {
  id: string;
  workflowId: string;
  runId: string;
  startedAt: string;
  finishedAt: string;
  subjectsChecked: number;
  lifecyclesStarted: number;
  startedWorkflowIds: string[];
  orphanedWorkflowIds: string[];
  trigger: ReconciliationTrigger;
  orphansFlagged: number;
}

export interface Finding {
  id: string;
  finding: 'lifecycle-started' | 'orphan-flagged';
  workflowId: string;
  subjectKind: string;
  subjectId: string;
  phase: string | null;
  status: string | null;
}

export interface ReconciliationRunDetail extends ReconciliationRunRecord {
  requestedBy: { actorRole: string; actorName: string | null; reason: string | null; at: string } | null;
  findings: Finding[];
}
