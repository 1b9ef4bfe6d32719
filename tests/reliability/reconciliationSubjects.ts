// The two things reconciliation looks for, made the way they happen in real life.
import { createLifecycleClient } from '../../lifecycles/client';
import { userKind } from '../../lifecycles/user/kind';
import type { AppConfig } from '../../config/env';
import type { Db } from '../../db/client';
import type { Client } from '@temporalio/client';
import { seedUser, type SeededUser } from '../support/subjects';

/** Deactivated in the user system; the termination event never reached the pipeline. */
export async function missedTermination(db: Db, deactivatedAt: Date): Promise<SeededUser> {
  const user = await seedUser(db);
  await db.userAccount.update({ where: { id: user.userId }, data: { status: 'deactivated', deactivatedAt } });
  return user;
}

/** A running lifecycle whose account was deleted behind the pipeline's back. */
export async function orphanedLifecycle(db: Db, temporal: Client, config: AppConfig): Promise<SeededUser> {
  const user = await seedUser(db);
  await createLifecycleClient(userKind, { temporal, taskQueue: config.temporal.taskQueue, policy: config.policy }).ensureStarted(
    user.userId,
    user.customerId,
  );
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
