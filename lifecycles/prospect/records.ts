// Activities on a prospect's row. Each is idempotent; the anonymisation and the conversion write
// their evidence record in the same transaction, keyed so that a retry returns the first record.
import { deleteActionNotes } from '../shared/actionNotes';
import type { Db } from '../../db/client';
import type { Ledger } from '../../ledger/ledger';
import type { ErasureJournal } from '../shared/erasureJournal';
import { eraseOnce, type ErasureStepInput, type EvidenceSummary } from '../shared/evidence';
import type { ProspectRule } from './contract';

export interface ProspectRef {
  prospectId: string;
}

export interface AnonymiseProspectInput extends ErasureStepInput {
  prospectId: string;
  rule: ProspectRule | 'backups.re-purge';
}

export interface ConvertProspectInput extends ErasureStepInput {
  prospectId: string;
  customerId: string;
  rule: 'prospect.conversion';
}

const CLEARED = { name: null, email: null, phone: null, address: null } as const;
const PERSONAL_LEFT = [{ name: { not: null } }, { email: { not: null } }, { phone: { not: null } }, { address: { not: null } }];

export function createProspectActivities(db: Db, ledger: Ledger, journal?: ErasureJournal) {
  return {
    /** The clock as the row says: the last contact, or the registration before any. Times only. */
    async readProspectClock({ prospectId }: ProspectRef): Promise<{ lastContactAt: string | null }> {
      const p = await db.prospect.findUnique({ where: { id: prospectId }, select: { lastContactAt: true, createdAt: true } });
      return { lastContactAt: p ? (p.lastContactAt ?? p.createdAt).toISOString() : null };
    },

    /** The later contact wins: a contact reported late never moves the clock back. */
    async recordProspectContact({ prospectId, contactedAt }: ProspectRef & { contactedAt: string }): Promise<{ changed: boolean }> {
      const at = new Date(contactedAt);
      const { count } = await db.prospect.updateMany({
        where: { id: prospectId, anonymisedAt: null, OR: [{ lastContactAt: null }, { lastContactAt: { lt: at } }] },
        data: { lastContactAt: at },
      });
      return { changed: count > 0 };
    },

    /** Name, e-mail, phone and address go; the ID, type and dates stay. */
    async anonymiseProspect(input: AnonymiseProspectInput): Promise<EvidenceSummary> {
      const subject = { subjectKind: 'prospect', subjectId: input.prospectId, action: 'anonymise' } as const;
      return eraseOnce(
        db,
        ledger,
        input,
        subject,
        async (tx, at) => {
          // Also a row anonymised before whose details came back (a restore, a write that slipped through).
          const { count } = await tx.prospect.updateMany({
            where: { id: input.prospectId, OR: [{ anonymisedAt: null }, ...PERSONAL_LEFT] },
            data: CLEARED,
          });
          await tx.prospect.updateMany({ where: { id: input.prospectId, anonymisedAt: null }, data: { anonymisedAt: at } });
          const notes = await deleteActionNotes(tx, 'prospect', input.prospectId);
          return { tables: { Prospect: { anonymised: count }, ...(notes > 0 ? { ActionNote: { deleted: notes } } : {}) } };
        },
        journal,
      );
    },

    /**
     * The prospect becomes the customer: each contact detail the customer's row lacks is copied into
     * it (the customer's lifecycle holds it from now on), then the prospect's row is anonymised and
     * points at the customer. The evidence counts the fields handed over, never their values.
     */
    async convertProspect(input: ConvertProspectInput): Promise<EvidenceSummary> {
      const subject = { subjectKind: 'prospect', subjectId: input.prospectId, action: 'anonymise' } as const;
      return eraseOnce(
        db,
        ledger,
        input,
        subject,
        async (tx, at) => {
          const [p, c] = await Promise.all([
            tx.prospect.findUnique({ where: { id: input.prospectId } }),
            tx.customer.findUnique({ where: { id: input.customerId } }),
          ]);
          const handedOver: Record<string, string> = {};
          // A customer anonymised or closed meanwhile takes nothing: its data must not come back.
          if (p && c && !p.anonymisedAt && c.status !== 'anonymised' && c.status !== 'closed') {
            for (const field of ['name', 'email', 'phone', 'address'] as const) {
              const value = p[field];
              if (value && !c[field]) handedOver[field] = value;
            }
            if (Object.keys(handedOver).length) await tx.customer.update({ where: { id: input.customerId }, data: handedOver });
          }
          const { count } = await tx.prospect.updateMany({
            where: { id: input.prospectId, anonymisedAt: null },
            data: { ...CLEARED, anonymisedAt: at, convertedAt: at, convertedToCustomerId: input.customerId },
          });
          return {
            tables: { Prospect: { anonymised: count } },
            detail: { customerId: input.customerId, fieldsHandedOver: Object.keys(handedOver).sort() },
          };
        },
        journal,
      );
    },
  };
}
