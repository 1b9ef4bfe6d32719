// Activities on a contact person's records: the departure and a return as plain updates, and the
// anonymisation of everything the contact's lifecycle covers (the contact row, CRM activities with
// the contact, support cases the contact raised) in one transaction with its evidence record, keyed
// so that a retry returns the first record. Idempotent when the customer's own CRM step got there
// first: the rows are already anonymised, the counts say so, and the record names the contact's rule.
import type { Db } from '../../db/client';
import type { Prisma } from '../../generated/prisma/client';
import type { Ledger } from '../../ledger/ledger';
import type { ErasureJournal } from '../shared/erasureJournal';
import { eraseOnce, type ErasureStepInput, type EvidenceSummary, type TableCounts, type Tx } from '../shared/evidence';
import { redactIdentifiers } from '../user/redact';
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
 * Support cases raised by the contacts `where` selects lose their requester (link, name, e-mail,
 * phone), and their text every identifier known for them; the technical content stays. Shared with
 * the customer's CRM step, which covers every contact of an ended relationship.
 */
export async function eraseContactRequesters(
  tx: Tx,
  where: Prisma.ContactPersonWhereInput,
  at: Date,
  known: ReadonlyArray<string | null> = [],
): Promise<string[]> {
  const cases = await tx.supportCase.findMany({
    where: { requesterContact: where },
    include: { requesterContact: { select: { firstName: true, lastName: true, email: true, phone: true } } },
  });
  for (const c of cases) {
    const p = c.requesterContact;
    const fullName = p?.firstName && p.lastName ? `${p.firstName} ${p.lastName}` : null;
    const identifiers = [
      ...known,
      fullName,
      p?.firstName,
      p?.lastName,
      p?.email,
      p?.phone,
      c.requesterName,
      c.requesterEmail,
      c.requesterPhone,
    ];
    await tx.supportCase.update({
      where: { id: c.id },
      data: {
        requesterContactId: null,
        requesterName: null,
        requesterEmail: null,
        requesterPhone: null,
        requesterErasedAt: at,
        subject: redactIdentifiers(c.subject, identifiers),
        description: redactIdentifiers(c.description, identifiers),
      },
    });
  }
  return cases.map((c) => c.id);
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
          const caseIds = await eraseContactRequesters(tx, { id: contact.id }, at);
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
          return {
            tables: {
              ContactPerson: { anonymised: !alreadyAnonymised || personal ? 1 : 0 },
              CrmActivity: { anonymised: activities.count },
              SupportCase: { anonymised: caseIds.length },
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
