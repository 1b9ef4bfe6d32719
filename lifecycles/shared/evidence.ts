// The one writer of evidence records: every purge and anonymisation goes through here, inside the
// same transaction as the change it proves, so the ledger's rules live in one place.
import { randomUUID } from 'node:crypto';
import { Prisma } from '../../generated/prisma/client';
import { GENESIS_HASH, recordHash } from '../../ledger/chain';
import type { Db } from '../../db/client';
import type { RuleId } from '../../policy/retention';

export type Tx = Prisma.TransactionClient;

// Any fixed number: the key of the transaction-scoped advisory lock that orders ledger appends.
const LEDGER_LOCK = 0x4e495444; // "NITD"

export type TableCounts = Record<string, { deleted?: number; anonymised?: number }>;

export interface EvidenceInput {
  idempotencyKey: string;
  subjectKind: 'user' | 'customer';
  subjectId: string;
  /** purge and anonymise erase; verify records the post-purge check that nothing personal is left. */
  action: 'purge' | 'anonymise' | 'verify';
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

/** The rules an erasure request (GDPR art. 17) triggers: their evidence names who asked, when a person did. */
const ERASURE_REQUEST_RULES: ReadonlySet<RuleId> = new Set<RuleId>(['user.erasure', 'crm.erasure']);

/**
 * Who asked for this erasure in the console: the latest `requested` erasure on the workflow before
 * the step began that was not refused. The console writes that row before it sends the request,
 * so it is there however fast the workflow purges. Service API requests have no such row.
 */
async function requestedBy(tx: Tx, input: ErasureStepInput, startedAt: Date): Promise<Prisma.InputJsonObject | undefined> {
  if (!ERASURE_REQUEST_RULES.has(input.rule)) return undefined;
  const requests = await tx.adminAction.findMany({
    where: { workflowId: input.workflowId, action: 'erasure', outcome: 'requested', at: { lte: startedAt } },
    orderBy: { at: 'desc' },
    take: 10,
    select: { id: true, actorRole: true, actorName: true },
  });
  const refused = await tx.adminAction.findMany({
    where: { requestId: { in: requests.map((r) => r.id) }, outcome: 'refused' },
    select: { requestId: true },
  });
  const request = requests.find((r) => !refused.some((x) => x.requestId === r.id));
  return request && { adminActionId: request.id, role: request.actorRole, name: request.actorName };
}

/**
 * Runs one erasing step and appends its evidence in the same transaction (both happen or
 * neither), at most once per idempotency key: a retry after a crash returns the first record.
 */
export async function eraseOnce(db: Db, input: ErasureStepInput, subject: ErasureSubject, work: ErasureWork): Promise<EvidenceSummary> {
  const startedAt = new Date();
  const existing = await findEvidence(db, input.idempotencyKey);
  if (existing) return summarise(existing, true);
  const evidence = await db
    .$transaction(async (tx) => {
      const done = await work(tx, startedAt);
      const asker = await requestedBy(tx, input, startedAt);
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
        ...(asker && { detail: { ...done.detail, requestedBy: asker } }),
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
