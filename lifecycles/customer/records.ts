// Activities on a customer's own records (Customer, CRM, ERP). Each runs in one transaction; the
// anonymisations write their evidence record in that same transaction, keyed so that a retry after
// a crash returns the first record instead of doing the work twice.
import type { Db } from '../../db/client';
import type { Ledger } from '../../ledger/ledger';
import type { AnonymisationRule } from './contract';
import { isLegalDuty, LEGAL_DUTIES } from '../../policy/legalDuties';
import { deleteActionNotes } from '../shared/actionNotes';
import type { ErasureJournal } from '../shared/erasureJournal';
import { eraseOnce, type ErasureStepInput, type EvidenceSummary, type TableCounts, type Tx } from '../shared/evidence';
import { eraseCaseRequester } from '../supportCase/cases';

export interface CustomerChangeInput {
  customerId: string;
  /** The relationship's end as the caller reported it. */
  endedAt?: string;
}

export interface CustomerStepInput extends ErasureStepInput {
  customerId: string;
  /** A lifecycle's own step, or a re-erasure after a restore (jobs/reErasure). */
  rule: AnonymisationRule | 'backups.re-purge';
  /** The legal duty (policy/legalDuties.ts) that kept invoice identity until the ERP step, named in its evidence. */
  legalDuty?: string;
}

export function createCustomerRecordActivities(db: Db, ledger: Ledger, journal?: ErasureJournal) {
  /** Every CRM and ERP step is proved as an anonymisation of the customer. */
  function step(input: CustomerStepInput, work: (tx: Tx, at: Date) => Promise<TableCounts>): Promise<EvidenceSummary> {
    const subject = { subjectKind: 'customer', subjectId: input.customerId, action: 'anonymise' } as const;
    return eraseOnce(db, ledger, input, subject, async (tx, at) => ({ tables: await work(tx, at) }), journal);
  }

  return {
    /** Marks the relationship ended; the cascade to users runs separately, page by page. */
    async endCustomer({ customerId, endedAt }: CustomerChangeInput): Promise<{ changed: boolean }> {
      const { count } = await db.customer.updateMany({
        where: { id: customerId, status: { in: ['active', 'ended'] } },
        data: { status: 'ended', endedAt: endedAt ? new Date(endedAt) : new Date() },
      });
      return { changed: count > 0 };
    },

    /** The customer came back during retention: active again, nothing anonymised. */
    async reactivateCustomer({ customerId }: CustomerChangeInput): Promise<{ changed: boolean }> {
      const { count } = await db.customer.updateMany({
        where: { id: customerId, status: 'ended' },
        data: { status: 'active', endedAt: null },
      });
      return { changed: count > 0 };
    },

    /**
     * CRM: contact persons (and the requester of support cases they raised), CRM activities' personal fields and the customer's own contact details
     * (a private customer's name and address are personal data; a business's name is not).
     * Business data stays: product lines, amounts, dates, kinds, roles.
     */
    async anonymiseCrm(input: CustomerStepInput): Promise<EvidenceSummary> {
      return step(input, async (tx, at) => {
        const customer = await tx.customer.findUnique({ where: { id: input.customerId }, select: { type: true } });
        // Before the contacts lose their names: the cases they (or the customer) raised are redacted of them too.
        const cases = await anonymiseCases(tx, input.customerId, customer?.type === 'private', at);
        const contacts = await tx.contactPerson.updateMany({
          where: { customerId: input.customerId, anonymisedAt: null },
          data: { firstName: null, lastName: null, email: null, phone: null, anonymisedAt: at },
        });
        const activities = await tx.crmActivity.updateMany({
          where: { customerId: input.customerId, anonymisedAt: null },
          data: { contactName: null, contactEmail: null, notes: null, anonymisedAt: at },
        });
        const tables: TableCounts = { ContactPerson: { anonymised: contacts.count }, CrmActivity: { anonymised: activities.count } };
        if (cases > 0) tables.SupportCase = { anonymised: cases };
        const notes = await deleteActionNotes(tx, 'customer', input.customerId);
        if (notes > 0) tables.ActionNote = { deleted: notes };
        if (customer) {
          await tx.customer.update({
            where: { id: input.customerId },
            data: {
              ...(customer.type === 'private' ? { name: null } : {}),
              email: null,
              phone: null,
              address: null,
              status: 'anonymised',
              anonymisedAt: at,
            },
          });
          tables.Customer = { anonymised: 1 };
        }
        return tables;
      });
    },

    /**
     * ERP: the billing identity leaves the invoices once the bookkeeping duty ends (the cap at the
     * latest); invoice numbers, amounts and dates stay for the accounts.
     */
    async anonymiseErp(input: CustomerStepInput): Promise<EvidenceSummary> {
      const duty = input.legalDuty && isLegalDuty(input.legalDuty) ? LEGAL_DUTIES[input.legalDuty] : null;
      const subject = { subjectKind: 'customer', subjectId: input.customerId, action: 'anonymise' } as const;
      return eraseOnce(
        db,
        ledger,
        input,
        subject,
        async (tx) => {
          const invoices = await tx.erpInvoice.updateMany({
            where: { customerId: input.customerId, anonymisedAt: null },
            data: { billingName: null, billingAddress: null, billingEmail: null, anonymisedAt: new Date() },
          });
          await tx.customer.updateMany({ where: { id: input.customerId }, data: { status: 'closed' } });
          // The evidence says why invoice identity was kept until now, when a legal duty kept it.
          return {
            tables: { ErpInvoice: { anonymised: invoices.count } },
            detail: duty ? { legalDuty: duty.id, basis: duty.basis } : null,
          };
        },
        journal,
      );
    },
  };
}

/**
 * Support cases raised by the customer's contacts or by the customer itself end with the CRM data:
 * the requester's details go, and every name, address and contact detail the customer's records
 * know is redacted from the case's text. Outside requesters' cases about the customer keep their own
 * lifecycle; users' cases go with the users.
 */
async function anonymiseCases(tx: Tx, customerId: string, isPrivate: boolean, at: Date): Promise<number> {
  const cases = await tx.supportCase.findMany({
    where: { customerId, requesterKind: { in: ['contact', 'customer'] }, requesterErasedAt: null },
    select: { id: true },
  });
  if (cases.length === 0) return 0;
  const [customer, contacts] = await Promise.all([
    tx.customer.findUnique({ where: { id: customerId }, select: { name: true, email: true, phone: true, address: true } }),
    tx.contactPerson.findMany({ where: { customerId }, select: { firstName: true, lastName: true, email: true, phone: true } }),
  ]);
  const identifiers = [
    ...(customer ? [isPrivate ? customer.name : null, customer.email, customer.phone, customer.address] : []),
    ...contacts.flatMap((c) => [
      c.firstName && c.lastName ? `${c.firstName} ${c.lastName}` : null,
      c.firstName,
      c.lastName,
      c.email,
      c.phone,
    ]),
  ];
  for (const c of cases) await eraseCaseRequester(tx, c.id, at, identifiers);
  return cases.length;
}
