// Activities on a user account. Each is idempotent: a retry after a crash finds the work done
// (or undone by the rolled-back transaction) and finishes it exactly once.
import type { Db } from '../../db/client';
import type { Ledger } from '../../ledger/ledger';
import { eraseOnce, type ErasureStepInput, type EvidenceSummary, type TableCounts, type Tx } from '../shared/evidence';
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

export function createUserAccountActivities(db: Db, ledger: Ledger) {
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
     * record in the same transaction: either both happen or neither does.
     */
    async purgeUser(input: PurgeUserInput): Promise<PurgeOutcome> {
      const subject = { subjectKind: 'user', subjectId: input.userId, action: 'purge' } as const;
      return eraseOnce(db, ledger, input, subject, async (tx, startedAt) => {
        await lockAccount(tx, input.userId);
        const user = await tx.userAccount.findUnique({ where: { id: input.userId } });
        const tables: TableCounts = {};
        let cases: { id: string; subject: string; description: string }[] = [];
        if (user && user.status !== 'purged') {
          const identifiers = [user.username, user.firstName, user.lastName, user.email, user.phone];
          cases = await tx.supportCase.findMany({ where: { requesterId: input.userId } });
          for (const c of cases) {
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
              purgedAt: startedAt,
            },
          });
          tables.UserAccount = { anonymised: 1 };
          tables.LoginFactor = { deleted: factors.count };
          tables.SupportCase = { anonymised: cases.length };
        }
        // Opaque IDs of the cases anonymised, so the post-purge verification can re-read them.
        return { tables, detail: { supportCaseIds: cases.map((c) => c.id) } };
      });
    },
  };
}
