// The user's subject service: provisioning writes the account; lifecycle actions go to the user's
// workflow (lifecycles/service.ts). A purged user is answered from the evidence ledger, since its
// workflow has finished.
import type { Db } from '../../db/client';
import type { PolicySnapshot } from '../../policy/retention';
import type { UserStatus } from '../../generated/prisma/enums';
import { createLifecycleClient, type LifecycleClientDeps } from '../client';
import { ConflictError, InputError } from '../errors';
import { createLifecycleService, startOnProvisioning, type SubjectRecords } from '../service';
import type { Provisioned } from '../registration';
import { customerReassignedSignal, userWorkflowId, type UserLifecycleReport, type UserPhase } from './contract';
import { userKind } from './kind';
import type { UserProvisioning } from './schemas';
import { userSubjects } from './subjects';

export function createUserService(db: Db, deps: Omit<LifecycleClientDeps, 'policy'> & { policy: PolicySnapshot }) {
  const { policy } = deps;
  const records: SubjectRecords<UserLifecycleReport> = {
    noun: 'user',
    finalRefusal: "the user's personal data has already been purged",
    runsPastFinal: true, // its post-purge verification may have failed and be waiting
    table: userSubjects(db),
    /** What a finished lifecycle left behind: the purge evidence. */
    async finalReport(userId) {
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
    },
    idleReport: (userId, s) => idleReport(userId, s.customerId, s.active ? 'ACTIVE' : 'QUARANTINED', policy),
  };
  const client = createLifecycleClient(userKind, deps);
  const lifecycle = createLifecycleService(client, userKind.updates, records);

  return {
    ...lifecycle,

    async provision(userId: string, input: UserProvisioning): Promise<Provisioned<UserStatus>> {
      const customer = await db.customer.findUnique({ where: { id: input.customerId }, select: { status: true } });
      if (!customer) throw new InputError('customerId', `customer ${input.customerId} not found`);
      // The customer's end has already cascaded to its users: a user created or moved under it now
      // would never be terminated, and so never purged.
      if (customer.status !== 'active') {
        throw new ConflictError(`customer ${input.customerId} has ended (${customer.status}): no user can be provisioned under it`);
      }
      const taken = await db.userAccount.findUnique({ where: { username: input.username }, select: { id: true } });
      const before = await db.userAccount.findUnique({ where: { id: userId }, select: { customerId: true } });
      if (taken && taken.id !== userId) throw new ConflictError('username is already in use by another user');
      const written = await db.$transaction(async (tx) => {
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
        return { created: !existing, status: account.status, movedFrom: existing && before?.customerId !== input.customerId };
      });
      const lifecycleStarted = await startOnProvisioning(async () => {
        await client.ensureStarted(userId, input.customerId);
        // A running lifecycle learns the new customer; a new one was started with it.
        if (written.movedFrom) await client.signal(userId, customerReassignedSignal, { customerId: input.customerId });
      });
      return { created: written.created, status: written.status, lifecycleStarted };
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;

/** A user with no running lifecycle, described under the policy that would apply to it now. */
function idleReport(userId: string, customerId: string | null, phase: UserPhase, policy: PolicySnapshot): UserLifecycleReport {
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
