// The one writer of evidence records: every purge and anonymisation goes through here, inside the
// same transaction as the change it proves, so the ledger's rules live in one place.
import { randomUUID } from 'node:crypto';
import { Prisma } from '../../generated/prisma/client';
import { GENESIS_HASH, recordHash } from '../../ledger/chain';
import type { Db } from '../../db/client';
import type { RuleId } from '../../policy/retention';
import type { KindName } from './contract';
import type { ErasureJournal } from './erasureJournal';

export type Tx = Prisma.TransactionClient;

// Any fixed number: the key of the transaction-scoped advisory lock that orders ledger appends.
export const LEDGER_LOCK = 0x4e495444; // "NITD"

export type TableCounts = Record<string, { deleted?: number; anonymised?: number }>;

export interface EvidenceInput {
  idempotencyKey: string;
  /**
   * A lifecycle kind; a support case erased on its own; the conformance scan (its attestations); the
   * ageing sweep (jobs/ageing: one record per batch, the subject is the table).
   */
  subjectKind: KindName | 'supportCase' | 'conformance' | 'sweep';
  subjectId: string;
  /**
   * purge and anonymise erase; verify records the post-purge check that nothing personal is left;
   * attest records a conformance scan (what it checked and found, as counts).
   */
  action: 'purge' | 'anonymise' | 'verify' | 'attest';
  rule: RuleId;
  policyVersion: string;
  reason: string | null;
  tables: TableCounts;
  workflowId: string;
  runId: string;
  triggeredAt: string | null;
  dueAt: string | null;
  startedAt: Date;
  /** What else the record proves (verification checks, history digest); no personal data. */
  detail?: Prisma.InputJsonObject | null;
}

/** What a workflow sends a purge or anonymisation step: its rule, why and when, and its run. */
export interface ErasureStepInput {
  rule: RuleId;
  policyVersion: string;
  reason: string | null;
  triggeredAt: string | null;
  dueAt: string | null;
  workflowId: string;
  runId: string;
  /** `<workflowId>/<firstExecutionRunId>/<step>`: stable across retries and continue-as-new. */
  idempotencyKey: string;
}

/** Whose data the step erases, and how. */
export type ErasureSubject = Pick<EvidenceInput, 'subjectKind' | 'subjectId' | 'action'>;

/** The step's own writes; it returns what its evidence record counts and names. */
export type ErasureWork = (tx: Tx, startedAt: Date) => Promise<Pick<EvidenceInput, 'tables' | 'detail'>>;

export interface EvidenceSummary {
  evidenceId: string;
  tables: TableCounts;
  startedAt: string;
  finishedAt: string;
  alreadyDone: boolean;
}

/**
 * Appends the record to the hash chain. The advisory lock serialises appends across processes
 * until this transaction commits, so each record links to the head every other writer sees and
 * the chain never forks (the unique prevHash would refuse a fork anyway).
 */
export async function appendEvidence(tx: Tx, input: EvidenceInput) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LEDGER_LOCK})`;
  const head = await tx.evidence.findFirst({ where: { hash: { not: null } }, orderBy: { seq: 'desc' }, select: { hash: true } });
  const [{ seq }] = await tx.$queryRaw<[{ seq: bigint }]>`SELECT nextval(pg_get_serial_sequence('"Evidence"', 'seq')) AS seq`;
  const { detail = null, ...fields } = input;
  const record = {
    ...fields,
    id: randomUUID(),
    seq,
    triggeredAt: input.triggeredAt ? new Date(input.triggeredAt) : null,
    dueAt: input.dueAt ? new Date(input.dueAt) : null,
    finishedAt: new Date(),
    detail,
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  return tx.evidence.create({
    data: { ...record, detail: detail ?? Prisma.DbNull, hash: recordHash(record) },
  });
}

/**
 * Runs one erasing step and appends its evidence in the same transaction (both happen or
 * neither), at most once per idempotency key: a retry after a crash returns the first record.
 * Then the erasure journal (kept outside the database) records it, on a retry too.
 */
export async function eraseOnce(
  db: Db,
  input: ErasureStepInput,
  subject: ErasureSubject,
  work: ErasureWork,
  journal?: ErasureJournal,
): Promise<EvidenceSummary> {
  const summary = await eraseAndProve(db, input, subject, work);
  await journal?.record({ at: summary.finishedAt, ...subject, rule: input.rule, evidenceId: summary.evidenceId });
  return summary;
}

async function eraseAndProve(db: Db, input: ErasureStepInput, subject: ErasureSubject, work: ErasureWork): Promise<EvidenceSummary> {
  const startedAt = new Date();
  const existing = await findEvidence(db, input.idempotencyKey);
  if (existing) return summarise(existing, true);
  const evidence = await db
    .$transaction(async (tx) => {
      const done = await work(tx, startedAt);
      return appendEvidence(tx, {
        idempotencyKey: input.idempotencyKey,
        ...subject,
        rule: input.rule,
        policyVersion: input.policyVersion,
        reason: input.reason,
        workflowId: input.workflowId,
        runId: input.runId,
        triggeredAt: input.triggeredAt,
        dueAt: input.dueAt,
        startedAt,
        ...done,
      });
    })
    .catch(async (err: unknown) => {
      // A concurrent attempt with the same key (a retry racing a slow first try) committed first: its
      // record's unique key refused ours and rolled our work back. Its record is the answer.
      const first =
        err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002' ? await findEvidence(db, input.idempotencyKey) : null;
      if (!first) throw err;
      return { ...first, alreadyDone: true as const };
    });
  return summarise(evidence, 'alreadyDone' in evidence);
}

/** A previous attempt's record for the same key: the work is done, return what it proved. */
export async function findEvidence(tx: Tx, idempotencyKey: string) {
  return tx.evidence.findUnique({ where: { idempotencyKey } });
}

export function summarise(e: { id: string; tables: unknown; startedAt: Date; finishedAt: Date }, alreadyDone: boolean): EvidenceSummary {
  return {
    evidenceId: e.id,
    tables: e.tables as TableCounts,
    startedAt: e.startedAt.toISOString(),
    finishedAt: e.finishedAt.toISOString(),
    alreadyDone,
  };
}
