// The ageing sweep's contract: which tables it ages, by which date, which of their columns are
// personal, and the messages between its workflow and its activity. Table-driven: the sweep's SQL
// is built from AGEING_TABLES alone and selects rows by their own date, never by who they belong
// to, so every row in these tables ages, a customer's or a prospect's, the relationship active or
// not. Prospects have a table of their own (Prospect) and no rows in these tables: their own
// lifecycle (lifecycles/prospect, rule prospect.anonymise) anonymises them 5 years after the last
// contact, so the sweep does not touch them and their holds need no place in HOLD_KINDS. Should
// prospects ever keep CRM rows here, add 'prospect' to HOLD_KINDS.
// Workflow code imports this file: data and types only.
import type { PolicySnapshot, RuleId } from '../../policy/retention';

export interface AgeingTable {
  /** The Prisma model (the Postgres table). */
  table: 'CrmActivity' | 'ContactPerson' | 'ErpInvoice';
  rule: Extract<RuleId, 'crm.ageing' | 'erp.ageing'>;
  /** The record's own date, which the 5 years count from. */
  date: string;
  /** Set to NULL when the record ages: every column the inventory marks personal in the table. */
  personal: readonly string[];
  /** The subject the row belongs to (a customer's or a prospect's opaque ID): for holds and findings. */
  owner: string;
  /** The partial index on (date, id) WHERE "anonymisedAt" IS NULL that the sweep walks. */
  index: string;
}

export const AGEING_TABLES = [
  {
    table: 'CrmActivity',
    rule: 'crm.ageing',
    date: 'occurredAt',
    personal: ['contactName', 'contactEmail', 'notes'],
    owner: 'customerId',
    index: 'CrmActivity_ageing_idx',
  },
  {
    table: 'ContactPerson',
    rule: 'crm.ageing',
    date: 'lastTouchedAt',
    personal: ['firstName', 'lastName', 'email', 'phone'],
    owner: 'customerId',
    index: 'ContactPerson_ageing_idx',
  },
  {
    table: 'ErpInvoice',
    rule: 'erp.ageing',
    date: 'issuedAt',
    personal: ['billingName', 'billingAddress', 'billingEmail'],
    owner: 'customerId',
    index: 'ErpInvoice_ageing_idx',
  },
] as const satisfies readonly AgeingTable[];

export type AgeingTableName = AgeingTable['table'];

/** Lifecycle kinds whose legal hold keeps their rows out of the sweep (docs/customers.md, "Holds"). */
export const HOLD_KINDS: readonly string[] = ['customer'];

/**
 * Rows per batch: one transaction, one evidence record. A service write on a row of the batch waits
 * for its commit at most (150 ms at most on 2 busy cores, bench/ageing.ts); other rows never wait.
 * Smaller batches hold locks for less time but pay Temporal's round trip more often; at 5 000 the
 * sweep runs at about half a plain UPDATE's rate.
 */
export const AGEING_BATCH_SIZE = 5000;

/** A position in a table's (date, id) order: the checkpoint a batch starts after. */
export interface AgeingKey {
  at: string;
  id: string;
}

export interface AgeBatchInput {
  table: AgeingTableName;
  /** Rows dated at or before it are due by the sweep's horizon (policy/ageing.ts). */
  cutoff: string;
  horizon: string;
  after: AgeingKey | null;
  batchSize: number;
  policy: Pick<PolicySnapshot, 'erpMax' | 'safetyMargin' | 'version'>;
  workflowId: string;
  runId: string;
  /** `<workflowId>/<firstExecutionRunId>/<table>/<batch>`: a retry finds the batch's record. */
  idempotencyKey: string;
}

export interface AgeBatchResult {
  /** Rows anonymised by the batch (0: nothing left after `after`; no evidence written). */
  rows: number;
  /** The batch's last row: the next batch starts after it. */
  last: AgeingKey | null;
  evidenceId: string | null;
  /** A retry found the batch already committed and returns its record. */
  alreadyDone: boolean;
  /** How long the batch held its row locks: from the locking statement to the commit. */
  lockedMs: number;
}

export interface AgeingTableProgress {
  table: AgeingTableName;
  rule: AgeingTable['rule'];
  cutoff: string;
  /** 1: the walk in (date, id) order; 2: once more from the start, for rows locked during the walk. */
  pass: 1 | 2;
  after: AgeingKey | null;
  /** Batches started so far in this run, numbering the next one's idempotency key. */
  batches: number;
  rows: number;
  evidenceRecords: number;
  /** The longest a batch held its row locks. */
  maxLockedMs: number;
  done: boolean;
}

export interface AgeingSweepState {
  startedAt: string;
  /** Records due before it are taken: the next run comes an interval later. */
  horizon: string;
  tables: AgeingTableProgress[];
}

export interface AgeingSweepInput {
  policy: PolicySnapshot;
  /** AGEING_SWEEP_EVERY: a run takes what falls due before the next run. */
  lookaheadMs: number;
  batchSize?: number;
  /** Carried over continue-as-new. */
  state?: AgeingSweepState;
}

export interface AgeingSweepSummary {
  startedAt: string;
  finishedAt: string;
  horizon: string;
  /** Rows anonymised per table. */
  rows: Record<AgeingTableName, number>;
  batches: number;
  evidenceRecords: number;
  maxLockedMs: number;
  tables: AgeingTableProgress[];
}
