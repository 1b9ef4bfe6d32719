// The records the admin console shows, in their JSON form (dates as ISO strings): the server
// builds them with these types and the console (admin-ui/) imports the same types, so the two
// cannot drift. Types and constants only: no server code, so the browser bundle can import it.
import type { Hold, KindName, LifecycleRow, LifecycleStatus, PendingActivity } from '../lifecycles/shared/contract';

export type { Hold, KindName, LifecycleStatus, PendingActivity };

/** Who may do what in the console; `auditor` reads, `admin` also acts. */
export type ConsoleRole = 'admin' | 'auditor';

export const ADMIN_ACTIONS = ['hold', 'release', 'restore', 'erasure', 'cancel', 'repair'] as const;
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

/** A setting of the lifecycle's policy that departs from the notice (a demo's short quarantine). */
export interface PolicyOverride {
  setting: string;
  value: string;
  /** The notice's own value. */
  notice: string;
}

/** The policy a lifecycle carries, read back from its version (console/policy.ts). */
export interface PolicyInfo {
  version: string;
  /** False for a version this console cannot read: its durations are then not shown. */
  known: boolean;
  overrides: PolicyOverride[];
}

/**
 * The rule a lifecycle runs under (or, once closed, ran under), with the duration of the
 * lifecycle's own policy snapshot, never this process's configuration.
 */
export interface RuleInForce {
  id: string;
  action: string;
  /** ISO-8601, from the lifecycle's policy version; null without a clock or for an unreadable version. */
  duration: string | null;
  trigger: string;
  clause: string;
  notice: string;
  policyVersion: string;
  /** Where it was read: the running workflow's own state, its list row (phase), or the ledger (closed). */
  source: 'workflow' | 'projection' | 'ledger';
  /** False when the lifecycle has closed: the rule it ran under, no longer in force. */
  inForce: boolean;
}

/** Why a lifecycle page shows no rule in force. */
export type NoRuleReason = 'cancelled' | 'failed' | 'closed' | 'no-clock';

/** A date the lifecycle will act on (or did), keyed for the catalogues: `purgeDueAt`, `crmAnonymiseDueAt`, `erpAnonymiseDueAt`, `capAt`. */
export interface Deadline {
  key: string;
  at: string;
  /** The ledger record that shows it was done, when it was. */
  doneAt?: string | null;
}

/**
 * Whether Temporal agrees with the list row: `ok`; `missing` (the row says running, Temporal has no
 * such workflow: nothing will happen); `stale` (Temporal closed it, the row still says running);
 * `unreachable` (Temporal did not answer in time).
 */
export type Presence = 'ok' | 'missing' | 'stale' | 'unreachable';

/** A lifecycle's page from Postgres alone (projection, admin actions, ledger): answers without Temporal. */
export interface LifecycleDetail extends LifecycleRecord {
  policy: PolicyInfo;
  /** From the phase (running) or the ledger (closed); the live answer may refine it (an erasure). */
  rule: RuleInForce | null;
  noRule: NoRuleReason | null;
  adminActions: AdminActionRecord[];
  evidence: { id: string; rule: string; action: string; finishedAt: string; dueAt: string | null }[];
}

/** What Temporal says of a lifecycle now (GET /lifecycles/:id/live), bounded in time. */
export interface LifecycleLive {
  id: string;
  /** Temporal's execution status, or NOT_FOUND / UNAVAILABLE. */
  temporalStatus: string;
  presence: Presence;
  state: Record<string, unknown> | null;
  pendingActivities: PendingActivity[];
  remainingMs: number | null;
  hold: Hold | null;
  /** The rule as the running workflow reports it; null when it could not be asked. */
  rule: RuleInForce | null;
  deadlines: Deadline[];
  checkedAt: string;
}

/** A timeline entry is a code the catalogues translate, with values (IDs, counts, times, reasons); never prose. */
export type TimelineKind = 'lifecycle' | 'request' | 'activity' | 'timer' | 'phase';
export type TimelineOutcome = 'ok' | 'failed' | 'pending' | 'cancelled';

export interface TimelineEntry {
  id: number;
  at: string;
  kind: TimelineKind;
  /** e.g. `activity.deactivateUser`, `request.placeHold`, `timer.started`, `phase.QUARANTINED`. */
  event: string;
  params: Record<string, string | number | boolean | null>;
  outcome?: TimelineOutcome;
  attempts?: number;
}

export interface LifecycleHistory {
  id: string;
  /** Oldest first. */
  timeline: TimelineEntry[];
  /** Oldest first, like the timeline, so the two interleave by time. */
  adminActions: AdminActionRecord[];
}

export interface ActionOutcome {
  id: string;
  action: AdminActionName;
  outcome: 'accepted';
  lifecycle: LifecycleDetail & Partial<LifecycleLive>;
}

/** Presence of a few list rows in Temporal (the rows on screen), by workflow ID. */
export type PresenceMap = Record<string, Presence>;

/** Something the dashboard wants a person to look at; opaque IDs and codes only. */
export interface Problem {
  workflowId: string;
  kind: string;
  subjectId: string;
  phase: string;
  /** `missing`, `stale`, `activity-retrying`, `overdue`, `workflow-failed`, `verification-failed`. */
  problem: string;
  activity?: string;
  attempt?: number;
  lastFailure?: string | null;
  /** When the problem is `overdue`: since when. */
  since?: string | null;
}

/** One ISO week (Monday 00:00 Europe/Oslo) of the forecast. */
export interface ForecastWeek {
  /** ISO week number and ISO week-year. */
  week: number;
  year: number;
  /** Monday 00:00 and the next Monday 00:00, Europe/Oslo, as instants. */
  start: string;
  end: string;
  /** Lifecycles of each kind due that week, as the list has them (running, not on hold). */
  due: Record<string, number>;
}

/** The dashboard's Postgres part: answers without Temporal. */
export interface Dashboard {
  id: 'dashboard';
  generatedAt: string;
  counts: { kind: string; phase: string; status: string; count: number }[];
  weeks: ForecastWeek[];
  overdue: number;
  /** Running lifecycles on legal hold: their clock is stopped, so no week counts them. */
  held: { kind: string; count: number }[];
}

/** The dashboard's Temporal part (GET /dashboard/checks), bounded in time. */
export interface DashboardChecks {
  id: 'dashboard-checks';
  checkedAt: string;
  temporalStatus: 'ok' | 'unavailable';
  /** null when Temporal could not be asked. */
  problems: Problem[] | null;
  /**
   * Per forecast week (same order as Dashboard.weeks) and kind, how many the list counts that
   * Temporal has no running workflow for: they will not happen. null when Temporal could not be asked.
   */
  notScheduled: Record<string, number>[] | null;
}

/** What the console knows of each kind: its name, its collection and its phases, and what the
 * signed-in role reads of its records (its admin view), so one page can show any kind. */
export interface KindInfo {
  kind: KindName;
  plural: string;
  phases: readonly string[];
  /** The record's fields this role reads, in the view's order: never a personal one for an auditor. */
  fields: string[];
  /** The list's columns, a part of `fields`. */
  columns: string[];
  /** The list's own filters beside id and q, with their values where the view names them. */
  filters: { source: string; choices?: string[] }[];
  sorts: readonly string[];
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

export type Verdict = 'on-time' | 'late' | 'pending' | 'overdue' | 'held' | 'not-terminated';

/** One line of a receipt's answer as a code and its values, for the console's catalogues (the `reasons` say it in English). */
export interface ReceiptFinding {
  code: string;
  params: Record<string, string | number | null>;
}

export interface Receipt {
  subjectKind: string;
  subjectId: string;
  generatedAt: string;
  terminatedAt: string | null;
  dueAt: string | null;
  erasedAt: string | null;
  erasedOnTime: { answer: boolean | null; verdict: Verdict; reasons: string[] };
  findings: ReceiptFinding[];
  erasures: ReceiptRecord[];
  verifications: ReceiptRecord[];
  /** Hash of the subject's last ledger record; the whole chain is checked at GET /api/audit/evidence/verify. */
  ledgerHash: string | null;
}

export interface ReceiptRecord {
  evidenceId: string;
  seq: string;
  action: string;
  rule: string;
  policyVersion: string;
  reason: string | null;
  tables: unknown;
  detail: unknown;
  triggeredAt: string | null;
  dueAt: string | null;
  startedAt: string;
  finishedAt: string;
  workflowId: string;
  runId: string;
  prevHash: string | null;
  hash: string | null;
  /** The record's content still matches its own hash. */
  hashValid: boolean;
}

/** Why a ledger's link is broken (ledger/verify.ts). */
export type LedgerProblem = 'hash' | 'prevHash' | 'unchained' | 'unsealed' | 'seal' | 'key' | 'truncated';

/** One ledger's check: Evidence or AdminAction. */
export interface LedgerChainCheck {
  ok: boolean;
  records: number;
  /** Records chained before ledger keys existed; the first sealed record vouches for them. */
  unsealedPrefix: number;
  headHash: string | null;
  headSeq: string | null;
  /** The newest record an anchor outside Postgres vouches for; null without anchors. */
  anchoredSeq: string | null;
  firstBroken: { seq: string; id: string | null; problem: LedgerProblem; expected: string | null; found: string | null } | null;
}

/** Both ledgers' check (ledger/verify.ts), as the console's ledger page shows it: Evidence at the top level. */
export interface LedgerCheck extends LedgerChainCheck {
  id: 'ledger';
  adminActions: LedgerChainCheck & { ledger: 'Evidence' | 'AdminAction' };
  anchors: { enabled: boolean; files: number; invalidLines: number };
  checkedAt: string;
  /** How long the check took. */
  tookMs: number;
}
