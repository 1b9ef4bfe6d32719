// What reconciliation looks for, made the way it happens in real life: subjects provisioned with
// their lifecycles (as PUT does), then something happening behind the pipeline's back.
import type { Client } from '@temporalio/client';
import type { AppConfig } from '../../config/env';
import type { Db } from '../../db/client';
import { createLifecycleClient } from '../../lifecycles/client';
import { customerKind } from '../../lifecycles/customer/kind';
import { userKind } from '../../lifecycles/user/kind';
import { seedUser, uniqueId, type SeededUser } from '../support/subjects';

/** A user and its customer with their lifecycles started ACTIVE, as provisioning leaves them. */
export async function provisioned(db: Db, temporal: Client, config: AppConfig): Promise<SeededUser> {
  const user = await seedUser(db);
  const deps = { temporal, taskQueue: config.temporal.taskQueue, policy: config.policy };
  await createLifecycleClient(customerKind, deps).ensureStarted(user.customerId, user.customerId);
  await createLifecycleClient(userKind, deps).ensureStarted(user.userId, user.customerId);
  return user;
}

/** Deactivated in the user system; the termination event never reached the pipeline. */
export async function missedTermination(db: Db, temporal: Client, config: AppConfig, deactivatedAt: Date): Promise<SeededUser> {
  const user = await provisioned(db, temporal, config);
  await db.userAccount.update({ where: { id: user.userId }, data: { status: 'deactivated', deactivatedAt } });
  return user;
}

/** A running lifecycle whose account was deleted behind the pipeline's back. */
export async function orphanedLifecycle(db: Db, temporal: Client, config: AppConfig): Promise<SeededUser> {
  const user = await provisioned(db, temporal, config);
  // Its first workflow task writes the projection row the reconciliation lists lifecycles from.
  // A plain loop, not expect.poll: this also runs in beforeAll, outside any test.
  for (const until = Date.now() + 30_000; (await db.lifecycleProjection.count({ where: { subjectId: user.userId } })) === 0;) {
    if (Date.now() > until) throw new Error(`the lifecycle of ${user.userId} never wrote its projection row`);
    await new Promise((r) => setTimeout(r, 100));
  }
  await db.supportCase.deleteMany({ where: { requesterId: user.userId } });
  await db.loginFactor.deleteMany({ where: { userId: user.userId } });
  await db.userAccount.delete({ where: { id: user.userId } });
  return user;
}

/**
 * A prospect and two outside requesters' cases (one open, one closed days ago) written straight to
 * the database, as an import or a lost event leaves them: none has a lifecycle yet.
 */
export async function unmanagedProspectAndCases(db: Db) {
  const prospectId = uniqueId('prospect');
  await db.prospect.create({ data: { id: prospectId, type: 'business', name: 'Fjordtech AS', email: 'post@fjordtech.example' } });
  const requester = { requesterKind: 'external' as const, requesterName: 'Ola Utenfor', requesterEmail: 'ola@utenfor.example' };
  const text = { subject: 'Fakturaspørsmål', description: 'Gjelder faktura 2026-114.', category: 'general' };
  const open = await db.supportCase.create({ data: { ...requester, ...text } });
  const closedAt = new Date(Date.now() - 5 * 86_400_000);
  const closed = await db.supportCase.create({ data: { ...requester, ...text, status: 'closed', closedAt } });
  return { prospectId, openCaseId: open.id, closedCaseId: closed.id, closedAt };
}
