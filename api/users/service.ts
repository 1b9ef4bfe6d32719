// The user routes' logic: provisioning writes the account; lifecycle actions go to the user's
// workflow. A purged user is answered from the evidence ledger, since its workflow has finished.
import type { Db } from '../../db/client';
import type { PolicySnapshot } from '../../policy/retention';
import type { UserStatus } from '../../generated/prisma/enums';
import {
  erasureUpdate,
  holdUpdate,
  releaseUpdate,
  restoreUpdate,
  terminateUpdate,
  userWorkflowId,
  type UserLifecycleView,
} from '../../lifecycles/user/contract';
import { ConflictError, InputError, NotFoundError } from '../errors';
import { LifecycleClosedError, type UserLifecycleClient } from './lifecycleClient';

export interface UserProvisioning {
  customerId: string;
  username: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
}

/** The lifecycle as the API reports it: the workflow's view, or a summary when none is running. */
export type LifecycleReport = Omit<UserLifecycleView, 'workflowId'> & { workflowId: string | null };

export function createUserService(db: Db, lifecycles: UserLifecycleClient, policy: PolicySnapshot) {
  async function findUser(userId: string) {
    const user = await db.userAccount.findUnique({ where: { id: userId } });
    if (!user) throw new NotFoundError(`user ${userId} not found`);
    return user;
  }

  /** What a finished lifecycle left behind: the purge evidence. */
  async function purgedReport(userId: string): Promise<LifecycleReport> {
    const evidence = await db.evidence.findFirst({
      where: { subjectKind: 'user', subjectId: userId, action: 'purge' },
      orderBy: { seq: 'desc' },
    });
    return {
      ...idleReport(userId, null, 'PURGED', policy),
      policyVersion: evidence?.policyVersion ?? policy.version,
      workflowId: evidence?.workflowId ?? userWorkflowId(userId),
      terminatedAt: evidence?.triggeredAt?.toISOString() ?? null,
      purgeDueAt: evidence?.dueAt?.toISOString() ?? null,
      purgedAt: evidence?.finishedAt.toISOString() ?? null,
      purgeRule: evidence?.rule ?? null,
      evidenceId: evidence?.id ?? null,
    };
  }

  /** Runs a lifecycle action; if the workflow closed meanwhile (purged), answers from the evidence. */
  async function act(userId: string, call: () => Promise<UserLifecycleView>, whenPurged: 'report' | 'conflict', action: string) {
    const user = await findUser(userId);
    const refuse = () => {
      throw new ConflictError(`cannot ${action}: the user's personal data has already been purged`);
    };
    if (user.status === 'purged') return whenPurged === 'report' ? purgedReport(userId) : refuse();
    try {
      return await call();
    } catch (err) {
      if (!(err instanceof LifecycleClosedError)) throw err;
      const now = await findUser(userId);
      if (now.status === 'purged') return whenPurged === 'report' ? purgedReport(userId) : refuse();
      throw new ConflictError(`cannot ${action}: no lifecycle is running for user ${userId}`);
    }
  }

  return {
    async provision(userId: string, input: UserProvisioning): Promise<{ created: boolean; status: UserStatus }> {
      const customer = await db.customer.findUnique({ where: { id: input.customerId }, select: { id: true } });
      if (!customer) throw new InputError('customerId', `customer ${input.customerId} not found`);
      const taken = await db.userAccount.findUnique({ where: { username: input.username }, select: { id: true } });
      if (taken && taken.id !== userId) throw new ConflictError('username is already in use by another user');
      return db.$transaction(async (tx) => {
        // Checked under the row lock the purge also needs: checked before and written after, a purge
        // committing in between got this personal data written back into its tombstone.
        const [existing] = await tx.$queryRaw<{ status: UserStatus }[]>`SELECT status FROM "UserAccount" WHERE id = ${userId} FOR UPDATE`;
        if (existing?.status === 'purged') throw new ConflictError(`user ${userId} has been purged; user IDs are not reused`);
        // No row, but a purge on record: the ID had a lifecycle whose account row is gone.
        if (!existing && (await tx.evidence.findFirst({ where: { subjectKind: 'user', subjectId: userId }, select: { id: true } }))) {
          throw new ConflictError(`user ${userId} has a purge on record; user IDs are not reused`);
        }
        const account = await tx.userAccount.upsert({ where: { id: userId }, create: { id: userId, ...input }, update: input });
        // The mobile number is the login factor: keep the SMS factor in step with it.
        await tx.loginFactor.deleteMany({ where: { userId, phone: { not: input.phone } } });
        const factor = await tx.loginFactor.findFirst({ where: { userId } });
        if (!factor) await tx.loginFactor.create({ data: { userId, phone: input.phone, enabled: existing?.status !== 'deactivated' } });
        return { created: !existing, status: account.status };
      });
    },

    async terminate(userId: string, terminatedAt: string, reason: string | undefined) {
      const user = await findUser(userId);
      return act(userId, () => lifecycles.updateWithStart(userId, user.customerId, terminateUpdate, { terminatedAt, reason }), 'report', 'terminate');
    },

    async restore(userId: string, reason: string | undefined) {
      return act(userId, () => lifecycles.update(userId, restoreUpdate, { reason }), 'conflict', 'restore');
    },

    async erase(userId: string, reason: string) {
      const user = await findUser(userId);
      return act(userId, () => lifecycles.updateWithStart(userId, user.customerId, erasureUpdate, { reason }), 'report', 'erase');
    },

    async hold(userId: string, reason: string) {
      const user = await findUser(userId);
      return act(userId, () => lifecycles.updateWithStart(userId, user.customerId, holdUpdate, { reason }), 'conflict', 'place a hold');
    },

    async release(userId: string, reason: string) {
      return act(userId, () => lifecycles.update(userId, releaseUpdate, { reason }), 'conflict', 'release a hold');
    },

    async lifecycle(userId: string): Promise<LifecycleReport> {
      const user = await findUser(userId);
      // A purged user's lifecycle may still be open: its post-purge verification failed and waits.
      if (user.status === 'purged') return (await lifecycles.state(userId)) ?? purgedReport(userId);
      const running = await lifecycles.state(userId);
      if (running) return running;
      return idleReport(userId, user.customerId, user.status === 'active' ? 'ACTIVE' : 'QUARANTINED', policy);
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;

/** A user with no running lifecycle, described under the policy that would apply to it now. */
function idleReport(userId: string, customerId: string | null, phase: LifecycleReport['phase'], policy: PolicySnapshot): LifecycleReport {
  return {
    workflowId: null,
    userId,
    customerId,
    phase,
    terminatedAt: null,
    purgeDueAt: null,
    remainingMs: null,
    hold: null,
    erasureRequestedAt: null,
    purging: false,
    purgedAt: null,
    purgeRule: null,
    evidenceId: null,
    policyVersion: policy.version,
    quarantine: policy.userQuarantine,
  };
}
