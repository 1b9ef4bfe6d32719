// The one writer of evidence records: every purge and anonymisation goes through here, inside the
// same transaction as the change it proves, so the ledger's rules live in one place.
import type { Prisma } from '../generated/prisma/client';

export type Tx = Prisma.TransactionClient;

export type TableCounts = Record<string, { deleted?: number; anonymised?: number }>;

export interface EvidenceInput {
  idempotencyKey: string;
  subjectKind: 'user' | 'customer';
  subjectId: string;
  action: 'purge' | 'anonymise';
  rule: string;
  policyVersion: string;
  reason: string | null;
  tables: TableCounts;
  workflowId: string;
  runId: string;
  triggeredAt: string | null;
  dueAt: string | null;
  startedAt: Date;
}

export interface EvidenceSummary {
  evidenceId: string;
  tables: TableCounts;
  startedAt: string;
  finishedAt: string;
  alreadyDone: boolean;
}

export async function appendEvidence(tx: Tx, input: EvidenceInput) {
  return tx.evidence.create({
    data: {
      ...input,
      triggeredAt: input.triggeredAt ? new Date(input.triggeredAt) : null,
      dueAt: input.dueAt ? new Date(input.dueAt) : null,
      finishedAt: new Date(),
    },
  });
}

/** A previous attempt's record for the same key: the work is done, return what it proved. */
export async function findEvidence(tx: Tx, idempotencyKey: string) {
  return tx.evidence.findUnique({ where: { idempotencyKey } });
}

export function summarise(
  e: { id: string; tables: unknown; startedAt: Date; finishedAt: Date },
  alreadyDone: boolean,
): EvidenceSummary {
  return {
    evidenceId: e.id,
    tables: e.tables as TableCounts,
    startedAt: e.startedAt.toISOString(),
    finishedAt: e.finishedAt.toISOString(),
    alreadyDone,
  };
}
