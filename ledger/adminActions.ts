// The one writer of AdminAction rows: each admin action joins the admin-action ledger's hash chain,
// sealed with the ledger key, and is anchored once committed, exactly like evidence records.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client';
import { adminActionHash, sealRecord } from './chain';
import { nextLink, type Ledger } from './ledger';

export interface AdminActionInput {
  actorRole: string;
  actorName: string | null;
  requestId?: string | null;
  action: string;
  workflowId: string;
  subjectKind: string;
  subjectId: string;
  reason: string | null;
  outcome: string;
  detail: string | null;
}

/** Appends the action (its own transaction) and anchors it; returns its ID. */
export async function appendAdminAction(db: Db, ledger: Ledger, input: AdminActionInput): Promise<string> {
  const written = await db.$transaction(async (tx) => {
    const { seq, prevHash } = await nextLink(tx, 'AdminAction');
    const record = { ...input, requestId: input.requestId ?? null, id: randomUUID(), seq, at: new Date(), prevHash };
    const hash = adminActionHash(record);
    return tx.adminAction.create({ data: { ...record, hash, ...sealRecord(ledger.keys, 'AdminAction', seq, hash) } });
  });
  await ledger.anchors.record(db, 'AdminAction', written.seq, written.hash!);
  return written.id;
}
