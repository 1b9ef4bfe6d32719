// Activities on a user account. Each is idempotent: a retry after a crash finds the work done
// (or undone by the rolled-back transaction) and finishes it exactly once.
import type { Db } from '../../db/client';
import type { Ledger } from '../../ledger/ledger';
import { eraseOnce, type ErasureStepInput, type EvidenceSummary, type TableCounts, type Tx } from '../shared/evidence';
import type { ErasureJournal } from '../shared/erasureJournal';
import { deleteActionNotes } from '../shared/actionNotes';
import { redactIdentifiers } from './redact';

export interface UserRef {
  userId: string;
}

export interface AccountChange {
  found: boolean;
  changed: boolean;
}

export interface PurgeUserInput extends ErasureStepInput {
  userId: string;
}

export type PurgeOutcome = EvidenceSummary;

/**
 * Every writer of an account locks its row first, so a purge and a (de)activation never
 * interleave: whichever comes second reads what the first committed. Without it a deactivation
 * that read 'active' just before a purge wrote 'deactivated' over the purged tombstone.
 */
async function lockAccount(tx: Tx, userId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "UserAccount" WHERE id = ${userId} FOR UPDATE`;
}

export function createUserAccountActivities(db: Db, ledger: Ledger, journal?: ErasureJournal) {
  return {
    /** Deactivation at termination: the account is locked and its SMS login factor switched off. */
    async deactivateUser({ userId }: UserRef): Promise<AccountChange> {
      return db.$transaction(async (tx) => {
        await lockAccount(tx, userId);
        const user = await tx.userAccount.findUnique({ where: { id: userId }, select: { status: true } });
        if (!user || user.status === 'purged') return { found: !!user, changed: false };
        await tx.loginFactor.updateMany({ where: { userId }, data: { enabled: false } });
        if (user.status === 'deactivated') return { found: true, changed: false };
        await tx.userAccount.update({ where: { id: userId }, data: { status: 'deactivated', deactivatedAt: new Date() } });
        return { found: true, changed: true };
      });
    },

    async reactivateUser({ userId }: UserRef): Promise<AccountChange> {
      return db.$transaction(async (tx) => {
        await lockAccount(tx, userId);
        const user = await tx.userAccount.findUnique({ where: { id: userId }, select: { status: true } });
        if (!user || user.status !== 'deactivated') return { found: !!user, changed: false };
        await tx.loginFactor.updateMany({ where: { userId }, data: { enabled: true } });
        await tx.userAccount.update({ where: { id: userId }, data: { status: 'active', deactivatedAt: null } });
        return { found: true, changed: true };
      });
    },

    /**
     * Deletes every personal field tied to the user in one transaction and writes the evidence
     * record in the same transaction: either both happen or neither does. On a user already
     * purged (a re-erasure: the conformance scan found something left, or a restored backup
     * brought it back) it clears whatever is there, the console's customer link included, and
     * keeps the first purge's date.
     */
    async purgeUser(input: PurgeUserInput): Promise<PurgeOutcome> {
      const subject = { subjectKind: 'user', subjectId: input.userId, action: 'purge' } as const;
      return eraseOnce(
        db,
        ledger,
        input,
        subject,
        async (tx, startedAt) => {
          await lockAccount(tx, input.userId);
          const user = await tx.userAccount.findUnique({ where: { id: input.userId } });
          if (!user) return { tables: {}, detail: { supportCaseIds: [] } };
          const personal = [user.customerId, user.username, user.firstName, user.lastName, user.email, user.phone];
          const cases = await tx.supportCase.findMany({ where: { requesterId: input.userId } });
          for (const c of cases) {
            // What the case itself says about the requester is redacted from its text too.
            const identifiers = [...personal, c.requesterName, c.requesterEmail, c.requesterPhone];
            await tx.supportCase.update({
              where: { id: c.id },
              data: {
                requesterId: null,
                requesterName: null,
                requesterEmail: null,
                requesterPhone: null,
                requesterErasedAt: startedAt,
                subject: redactIdentifiers(c.subject, identifiers),
                description: redactIdentifiers(c.description, identifiers),
              },
            });
          }
          const factors = await tx.loginFactor.deleteMany({ where: { userId: input.userId } });
          const accountChanged = user.status !== 'purged' || personal.some((v) => v !== null);
          if (accountChanged) {
            await tx.userAccount.update({
              where: { id: input.userId },
              data: {
                customerId: null,
                username: null,
                firstName: null,
                lastName: null,
                email: null,
                phone: null,
                status: 'purged',
                purgedAt: user.purgedAt ?? startedAt,
              },
            });
          }
          const tables: TableCounts = {
            UserAccount: { anonymised: accountChanged ? 1 : 0 },
            LoginFactor: { deleted: factors.count },
            SupportCase: { anonymised: cases.length },
          };
          // The notes that came with reason codes about this user go with the rest of its data.
          const notes = await deleteActionNotes(tx, 'user', input.userId);
          if (notes > 0) tables.ActionNote = { deleted: notes };
          if (user.status === 'purged') {
            // The running lifecycle clears its own projection row after a purge; a closed one cannot.
            const links = await tx.lifecycleProjection.updateMany({
              where: { kind: 'user', subjectId: input.userId, customerId: { not: null } },
              data: { customerId: null },
            });
            tables.LifecycleProjection = { anonymised: links.count };
          }
          // Opaque IDs of the cases anonymised, so the post-purge verification can re-read them.
          return { tables, detail: { supportCaseIds: cases.map((c) => c.id) } };
        },
        journal,
      );
    },

    /**
     * A support case whose requester was erased but whose requester fields are set again (a
     * restored backup): they are cleared, and the case's text redacted of them.
     */
    async eraseCaseRequester(input: ErasureStepInput & { caseId: string }): Promise<EvidenceSummary> {
      const subject = { subjectKind: 'supportCase', subjectId: input.caseId, action: 'purge' } as const;
      return eraseOnce(
        db,
        ledger,
        input,
        subject,
        async (tx, startedAt) => {
          const c = await tx.supportCase.findUnique({ where: { id: input.caseId } });
          if (!c) return { tables: {} as TableCounts };
          const identifiers = [c.requesterName, c.requesterEmail, c.requesterPhone];
          await tx.supportCase.update({
            where: { id: c.id },
            data: {
              requesterId: null,
              requesterName: null,
              requesterEmail: null,
              requesterPhone: null,
              requesterErasedAt: c.requesterErasedAt ?? startedAt,
              subject: redactIdentifiers(c.subject, identifiers),
              description: redactIdentifiers(c.description, identifiers),
            },
          });
          const notes = await deleteActionNotes(tx, 'supportCase', c.id);
          return { tables: { SupportCase: { anonymised: 1 }, ...(notes > 0 ? { ActionNote: { deleted: notes } } : {}) } };
        },
        journal,
      );
    },
  };
}
