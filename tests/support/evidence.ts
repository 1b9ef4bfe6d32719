// A purge record as a user's lifecycle writes it, for tests that need ledger rows without running
// a lifecycle: opaque IDs, a rule, counts. Override what the test is about.
import type { Db } from '../../db/client';
import { appendEvidence, type EvidenceInput } from '../../lifecycles/shared/evidence';
import { uniqueId } from './subjects';
import type { Ledger } from '../../ledger/ledger';
import { testLedger } from './temporal';

const DAY = 86_400_000;

export function purgeEvidence(over: Partial<EvidenceInput> = {}): EvidenceInput {
  const subjectId = over.subjectId ?? uniqueId('user');
  return {
    idempotencyKey: `user-lifecycle-${subjectId}/r1/${over.action ?? 'purge'}`,
    subjectKind: 'user',
    subjectId,
    action: 'purge',
    rule: 'user.quarantine-purge',
    policyVersion: 'nitd-2026.1',
    reason: null,
    tables: { UserAccount: { anonymised: 1 }, LoginFactor: { deleted: 1 } },
    workflowId: `user-lifecycle-${subjectId}`,
    runId: 'r1',
    triggeredAt: new Date(Date.now() - 30 * DAY).toISOString(),
    dueAt: new Date().toISOString(),
    startedAt: new Date(),
    ...over,
  };
}

/** Appends it to the ledger, as the purge's own transaction would. */
export function appendPurgeEvidence(db: Db, over: Partial<EvidenceInput> = {}, ledger: Ledger = testLedger()) {
  return db.$transaction((tx) => appendEvidence(tx, ledger, purgeEvidence(over)));
}
