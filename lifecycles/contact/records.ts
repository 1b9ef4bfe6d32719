// Activities on a contact person's records: the departure and a return as plain updates, and the
// anonymisation of everything the contact's lifecycle covers (the contact row, CRM activities with
// the contact, support cases the contact raised) in one transaction with its evidence record, keyed
// so that a retry returns the first record. Idempotent when the customer's own CRM step got there
// first: the rows are already anonymised, the counts say so, and the record names the contact's rule.
import { deleteActionNotes } from '../shared/actionNotes';
import type { Db } from '../../db/client';
import type { Prisma } from '../../generated/prisma/client';
import type { Ledger } from '../../ledger/ledger';
import type { ErasureJournal } from '../shared/erasureJournal';
import { eraseOnce, type ErasureStepInput, type EvidenceSummary, type TableCounts, type Tx } from '../shared/evidence';
import { eraseCaseRequester } from '../supportCase/cases';
import type { ContactAnonymisationRule } from './contract';

export interface DepartureInput {
  contactId: string;
  departedAt: string;
  /** The departure's reason code. */
  reason: string | null;
}

export interface ContactStepInput extends ErasureStepInput {
  contactId: string;
  rule: ContactAnonymisationRule | 'backups.re-purge';
}

/**
 * Support cases the contact raised (SupportCase.contactId) lose their requester: the link, name,
 * e-mail, phone, and every identifier known for the contact in their text, through the support-case
 * kind's own eraser; the technical content stays. Returns the cases' IDs.
 */
async function eraseRaisedCases(tx: Tx, contact: ContactRow, at: Date): Promise<string[]> {
  const cases = await tx.supportCase.findMany({ where: { contactId: contact.id }, select: { id: true } });
  const fullName = contact.firstName && contact.lastName ? `${contact.firstName} ${contact.lastName}` : null;
  const identifiers = [fullName, contact.firstName, contact.lastName, contact.email, contact.phone];
  for (const c of cases) await eraseCaseRequester(tx, c.id, at, identifiers);
  return cases.map((c) => c.id);
}

interface ContactRow {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
}

export function createContactRecordActivities(db: Db, ledger: Ledger, journal?: ErasureJournal) {
  return {
    /** Marks the departure; a repeated one only ever moves it earlier, and keeps the first reason. */
    async markDeparted({ contactId, departedAt, reason }: DepartureInput): Promise<{ changed: boolean }> {
      const at = new Date(departedAt);
      const first = await db.contactPerson.updateMany({
        where: { id: contactId, anonymisedAt: null, departedAt: null },
        data: { departedAt: at, departureReason: reason },
      });
      const earlier = await db.contactPerson.updateMany({
        where: { id: contactId, anonymisedAt: null, departedAt: { gt: at } },
        data: { departedAt: at },
      });
      return { changed: first.count + earlier.count > 0 };
    },

    /** The contact came back during retention: no longer departed, nothing anonymised. */
    async markReturned({ contactId }: { contactId: string }): Promise<{ changed: boolean }> {
      const { count } = await db.contactPerson.updateMany({
        where: { id: contactId, anonymisedAt: null },
        data: { departedAt: null, departureReason: null },
      });
      return { changed: count > 0 };
    },

    /**
     * The contact's first and last name, e-mail and phone; the personal fields of CRM activities
     * with the contact (linked by contactId, or, for rows from before the link, by the contact's
     * e-mail address within the customer); support cases the contact raised. The role stays, as do
     * the activities' business data.
     */
    async anonymiseContact(input: ContactStepInput): Promise<EvidenceSummary> {
      const subject = { subjectKind: 'contact', subjectId: input.contactId, action: 'anonymise' } as const;
      return eraseOnce(
        db,
        ledger,
        input,
        subject,
        async (tx, at): Promise<{ tables: TableCounts; detail: Prisma.InputJsonObject }> => {
          const contact = await tx.contactPerson.findUnique({ where: { id: input.contactId } });
          if (!contact) return { tables: {}, detail: { contactFound: false } };
          const alreadyAnonymised = contact.anonymisedAt !== null;
          const caseIds = await eraseRaisedCases(tx, contact, at);
          // Only what still holds something counts: an anonymised row with nothing left is not touched
          // again, one with a value back (a restored backup, a hand edit) is, keeping its first date.
          const personal = [contact.firstName, contact.lastName, contact.email, contact.phone].some((v) => v !== null);
          if (!alreadyAnonymised || personal) {
            await tx.contactPerson.update({
              where: { id: contact.id },
              data: { firstName: null, lastName: null, email: null, phone: null, anonymisedAt: contact.anonymisedAt ?? at },
            });
          }
          const byEmail = contact.email ? [{ contactId: null, contactEmail: { equals: contact.email, mode: 'insensitive' as const } }] : [];
          const activities = await tx.crmActivity.updateMany({
            where: {
              customerId: contact.customerId,
              OR: [{ contactId: contact.id }, ...byEmail],
              AND: {
                OR: [{ anonymisedAt: null }, { contactName: { not: null } }, { contactEmail: { not: null } }, { notes: { not: null } }],
              },
            },
            data: { contactName: null, contactEmail: null, notes: null, anonymisedAt: at },
          });
          const notes = await deleteActionNotes(tx, 'contact', input.contactId);
          return {
            tables: {
              ContactPerson: { anonymised: !alreadyAnonymised || personal ? 1 : 0 },
              CrmActivity: { anonymised: activities.count },
              SupportCase: { anonymised: caseIds.length },
              ...(notes > 0 ? { ActionNote: { deleted: notes } } : {}),
            },
            // Already anonymised: the customer's CRM step (or an earlier erasure) covered the contact first.
            detail: { alreadyAnonymised, supportCaseIds: caseIds },
          };
        },
        journal,
      );
    },
  };
}
