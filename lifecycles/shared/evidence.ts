// The one writer of evidence records: every purge and anonymisation goes through here, inside the
// same transaction as the change it proves, so the ledger's rules live in one place.
import { randomUUID } from 'node:crypto';
import { Prisma } from '../../generated/prisma/client';
import { recordHash, sealRecord } from '../../ledger/chain';
import { nextLink, type Ledger } from '../../ledger/ledger';
import type { Db } from '../../db/client';
import type { RuleId } from '../../policy/retention';
import type { KindName } from './contract';
import type { ErasureJournal } from './erasureJournal';

export type Tx = Prisma.TransactionClient;

export type TableCounts = Record<string, { deleted?: number; anonymised?: number }>;

export interface EvidenceInput {
  idempotencyKey: string;
  /**
   * A lifecycle kind; a support case erased on its own; the conformance scan (its attestations); the
   * ageing sweep (jobs/ageing: one record per batch, the subject is the table).
   */
  subjectKind: KindName | 'conformance' | 'sweep';
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
 * Appends the record to the hash chain, sealed with the ledger key (ledger/ledger.ts orders appends
 * so the chain never forks). The caller anchors it once its transaction has committed
 * (`anchorEvidence`): an anchor for a record that then rolled back would look like a deletion.
 */
export async function appendEvidence(tx: Tx, ledger: Ledger, input: EvidenceInput) {
  const { seq, prevHash } = await nextLink(tx, 'Evidence');
  const { detail = null, ...fields } = input;
  const record = {
    ...fields,
    id: randomUUID(),
    seq,
    triggeredAt: input.triggeredAt ? new Date(input.triggeredAt) : null,
    dueAt: input.dueAt ? new Date(input.dueAt) : null,
    finishedAt: new Date(),
    detail,
    prevHash,
  };
  const hash = recordHash(record);
  return tx.evidence.create({
    data: { ...record, detail: detail ?? Prisma.DbNull, hash, ...sealRecord(ledger.keys, 'Evidence', seq, hash) },
  });
}

/** Anchors a committed record's place in the chain outside Postgres (ledger/anchors.ts). Harmless to repeat. */
export async function anchorEvidence(db: Db, ledger: Ledger, e: { seq: bigint; hash: string | null }): Promise<void> {
  if (e.hash) await ledger.anchors.record(db, 'Evidence', e.seq, e.hash);
}

/** The rules an erasure request (GDPR art. 17) triggers: their evidence names who asked, when a person did. */
const ERASURE_REQUEST_RULES: ReadonlySet<RuleId> = new Set<RuleId>(['user.erasure', 'crm.erasure', 'prospect.erasure']);

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
 * Then the erasure journal (kept outside the database) records it, on a retry too.
 */
export async function eraseOnce(
  db: Db,
  ledger: Ledger,
  input: ErasureStepInput,
  subject: ErasureSubject,
  work: ErasureWork,
  journal?: ErasureJournal,
): Promise<EvidenceSummary> {
  const summary = await eraseAndProve(db, ledger, input, subject, work);
  await journal?.record({
    at: summary.finishedAt,
    ...subject,
    rule: input.rule,
    evidenceId: summary.evidenceId,
    tables: Object.keys(summary.tables),
  });
  return summary;
}

async function eraseAndProve(
  db: Db,
  ledger: Ledger,
  input: ErasureStepInput,
  subject: ErasureSubject,
  work: ErasureWork,
): Promise<EvidenceSummary> {
  const startedAt = new Date();
  const existing = await findEvidence(db, input.idempotencyKey);
  if (existing) {
    // A retry after a crash between the commit and its anchor: anchor it now.
    await anchorEvidence(db, ledger, existing);
    return summarise(existing, true);
  }
  const evidence = await db
    .$transaction(async (tx) => {
      const done = await work(tx, startedAt);
      const asker = await requestedBy(tx, input, startedAt);
      return appendEvidence(tx, ledger, {
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
  await anchorEvidence(db, ledger, evidence);
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
