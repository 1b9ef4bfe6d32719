// Activities on a support case's row. Each is idempotent; the erasure writes its evidence record in
// the same transaction, keyed so that a retry returns the first record.
import type { Db } from '../../db/client';
import type { Ledger } from '../../ledger/ledger';
import type { ErasureJournal } from '../shared/erasureJournal';
import { eraseOnce, type ErasureStepInput, type EvidenceSummary, type Tx } from '../shared/evidence';
import type { SupportCaseRule } from './contract';
import { scrubCaseText } from './scrub';

export interface CaseRef {
  caseId: string;
}

export interface EraseCaseInput extends ErasureStepInput {
  caseId: string;
  rule: SupportCaseRule | 'backups.re-purge';
}

/**
 * Clears the requester's details from one case and its text: the fields, the same identifiers typed
 * into subject and description, and whatever else the scrub finds there. Returns whether a row was
 * found. Shared by the case's own lifecycle and the customer's CRM anonymisation.
 */
export async function eraseCaseRequester(tx: Tx, caseId: string, at: Date, extraIdentifiers: ReadonlyArray<string | null> = []) {
  const c = await tx.supportCase.findUnique({ where: { id: caseId } });
  if (!c) return false;
  const identifiers = [c.requesterName, c.requesterEmail, c.requesterPhone, ...extraIdentifiers];
  await tx.supportCase.update({
    where: { id: caseId },
    data: {
      requesterId: null,
      contactId: null,
      requesterName: null,
      requesterEmail: null,
      requesterPhone: null,
      requesterErasedAt: c.requesterErasedAt ?? at,
      subject: scrubCaseText(c.subject, identifiers),
      description: scrubCaseText(c.description, identifiers),
    },
  });
  return true;
}

export function createSupportCaseActivities(db: Db, ledger: Ledger, journal?: ErasureJournal) {
  return {
    /** The closure as the lifecycle saw it; a case already erased keeps its row as it is. */
    async closeCase({ caseId, closedAt }: CaseRef & { closedAt: string }): Promise<{ changed: boolean }> {
      const { count } = await db.supportCase.updateMany({
        where: { id: caseId, status: 'open' },
        data: { status: 'closed', closedAt: new Date(closedAt) },
      });
      return { changed: count > 0 };
    },

    async reopenCase({ caseId }: CaseRef): Promise<{ changed: boolean }> {
      const { count } = await db.supportCase.updateMany({
        where: { id: caseId, status: 'closed', requesterErasedAt: null },
        data: { status: 'open', closedAt: null },
      });
      return { changed: count > 0 };
    },

    /** The requester's details and the personal data in the text go; category, status, dates and the technical text stay. */
    async eraseCase(input: EraseCaseInput): Promise<EvidenceSummary> {
      const subject = { subjectKind: 'supportCase', subjectId: input.caseId, action: 'anonymise' } as const;
      return eraseOnce(
        db,
        ledger,
        input,
        subject,
        async (tx, startedAt) => {
          const found = await eraseCaseRequester(tx, input.caseId, startedAt);
          return { tables: { SupportCase: { anonymised: found ? 1 : 0 } } };
        },
        journal,
      );
    },
  };
}
