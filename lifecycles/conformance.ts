// What a conformance check is (jobs/conformance runs them): a question asked of one store, set-based,
// that answers with the subjects whose personal data is past its rule, or that no rule will reach.
// Each kind contributes the checks of its own tables (lifecycles/<kind>/conformance.ts); the checks
// every kind shares (a lifecycle missing, an erasure finished late, Temporal's own store) live in
// jobs/conformance/checks. Findings carry opaque IDs, rules and dates, never a value.
import type { Client } from '@temporalio/client';
import type { Db } from '../db/client';
import type { PolicySnapshot, RuleId } from '../policy/retention';

/** What an admin can do about a finding (console/conformance.ts carries it out). */
export type RepairCode =
  /** Start (or restart) the subject's lifecycle, as of its end when it has ended (lifecycles/backdated.ts). */
  | 'start-lifecycle'
  /** The running lifecycle is past its deadline: request the erasure now. */
  | 'erase-now'
  /** The erasure ran, but something is back or was left: erase again (jobs/reErasure). */
  | 'erase-again'
  /** A closed lifecycle's search attributes still hold what the purge cleared: delete that history. */
  | 'delete-history'
  /** Records past their own 5-year deadline (crm.ageing, erp.ageing): run the ageing sweep now. */
  | 'sweep-now'
  /** Outside the pipeline's reach (Temporal's configuration): an operator acts. */
  | 'operator'
  /** Nothing left to do: recorded for the record (an erasure that ran late). */
  | 'none';

export interface FindingCandidate {
  /** The check's code, e.g. `user.personal-after-purge`. */
  check: string;
  rule: RuleId;
  store: 'postgres' | 'temporal';
  /** The table (Prisma model) or the part of Temporal's store. */
  table: string;
  subjectKind: string;
  subjectId: string;
  workflowId: string | null;
  /** When it should have gone; null when nothing is due yet. */
  dueAt: Date | null;
  repair: RepairCode;
  /** Told apart from other findings of the same check and subject (a late erasure's evidence ID). */
  ref?: string;
  /** Already over: recorded as resolved at this time (a late erasure, resolved when it ran). */
  resolvedAt?: Date;
}

export interface CheckContext {
  db: Db;
  temporal: Client;
  namespace: string;
  /** The lifecycles' task queue: Temporal is asked about its workflows only. */
  taskQueue: string;
  policy: PolicySnapshot;
  now: Date;
  /** How late a deadline may pass before it counts (policy/deadlines.ts ON_TIME_TOLERANCE_MS). */
  toleranceMs: number;
  /** TEMPORAL_RETENTION: the longest Temporal may keep a closed lifecycle. */
  temporalRetentionMs: number;
  /** Evidence records after `from` up to `to` are read for late erasures (each once, by one scan). */
  evidenceSeqs: { from: bigint; to: bigint };
}

export interface CheckOutcome {
  findings: FindingCandidate[];
  /** Rows (or workflows) the check read. */
  examined: number;
}

export interface ConformanceCheck {
  /** The check's code; findings carry it. */
  code: string;
  /** The rules its findings come under. */
  rules: readonly RuleId[];
  store: FindingCandidate['store'];
  /** What it asks, in a sentence (docs, the console's check list). */
  description: string;
  run(ctx: CheckContext): Promise<CheckOutcome>;
}

/** `now` past `due` by more than the tolerance. */
export const overdue = (ctx: CheckContext, due: Date) => due.getTime() + ctx.toleranceMs < ctx.now.getTime();
