// A termination dated further back than the quarantine makes the purge due at once, so the
// workflow runs the purge while the termination's own deactivation is still in flight. Without
// the account row lock (lifecycles/user/activities.ts) the deactivation read the account as 'active'
// before the purge and wrote 'deactivated' after it: the purged tombstone came back unpurged and
// the post-purge verification failed with "tombstone is not marked purged" (found by the API
// fuzzer). The worker's database here holds the deactivation right after that read until the
// purge has committed (without the lock: the race) or has been running beside it, blocked on the
// row lock, for a second (with it), so the interleaving that otherwise happens about once in
// twenty runs is tried every time; the test fails if the two never overlapped.
import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { Context } from '@temporalio/activity';
import type { Db } from '../../db/client';
import { stateQuery, userWorkflowId } from '../../lifecycles/user/contract';
import { SERVICE, useApp } from '../support/harness';
import { provisionUser } from '../support/http';

const DAY = 24 * 3600 * 1000;

/** Users whose purge activity has begun (it looks up its idempotency key first). */
const purgeStarted = new Set<string>();
/** How the held deactivation and the purge overlapped, per user; absent if they never did. */
const overlap = new Map<string, 'purge committed during the read' | 'purge blocked on the row lock'>();

/** At most 3 s, below Prisma's 5 s interactive-transaction limit, so a blocked ordering ends. */
async function holdUntilPurgeRuns(db: Db, userId: string): Promise<void> {
  const until = Date.now() + 3_000;
  let blockedSince: number | undefined;
  while (Date.now() < until) {
    if (await db.evidence.findFirst({ where: { subjectId: userId, action: 'purge' } }))
      return void overlap.set(userId, 'purge committed during the read');
    if (purgeStarted.has(userId)) {
      blockedSince ??= Date.now();
      if (Date.now() - blockedSince > 1_000) return void overlap.set(userId, 'purge blocked on the row lock');
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

function activityType(): string | undefined {
  try {
    return Context.current().info.activityType;
  } catch {
    return undefined; // not inside an activity
  }
}

const deactivationReadsBeforePurge = (db: Db): Db =>
  db.$extends({
    query: {
      userAccount: {
        async findUnique({ args, query }) {
          const row = await query(args);
          if (activityType() === 'deactivateUser' && typeof args.where.id === 'string') await holdUntilPurgeRuns(db, args.where.id);
          return row;
        },
      },
      evidence: {
        async findUnique({ args, query }) {
          // The purge's first step: eraseOnce looks up `user-lifecycle-<userId>/<run>/purge`.
          const key = args.where.idempotencyKey;
          if (activityType() === 'purgeUser' && typeof key === 'string')
            purgeStarted.add(key.split('/')[0]!.replace(userWorkflowId(''), ''));
          return query(args);
        },
      },
    },
  }) as unknown as Db;

const stack = useApp({ worker: true, prefix: 'it-race', workerDb: deactivationReadsBeforePurge });

describe('a termination dated past the quarantine', () => {
  it('purges at once, and the deactivation running beside the purge does not bring the account back', async () => {
    const { userId } = await provisionUser(stack);

    const terminatedAt = new Date(Date.now() - 40 * DAY).toISOString();
    await request(stack.app)
      .post(`/api/v1/users/${userId}/termination`)
      .set(SERVICE)
      .send({ terminatedAt, reasonCode: 'employee-left', note: 'sluttet i fjor' })
      .expect(202);

    // Wait for the first post-purge verification: the lifecycle completes, or stays open flagged.
    const handle = stack.temporal.workflow.getHandle(userWorkflowId(userId));
    const until = Date.now() + 30_000;
    let state = await handle.query(stateQuery).catch(() => null);
    while ((await handle.describe()).status.name === 'RUNNING' && !state?.verification && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 200));
      state = await handle.query(stateQuery).catch(() => state);
    }
    expect(state?.verification?.failed ?? []).toEqual([]);
    expect(await stack.db.userAccount.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({
      status: 'purged',
      username: null,
      email: null,
    });
    await expect(handle.result()).resolves.toMatchObject({ phase: 'PURGED', verificationEvidenceId: expect.any(String) });
    expect(await stack.db.evidence.count({ where: { subjectId: userId, action: 'purge' } })).toBe(1);
    // The race was really run: the purge ran while the deactivation held what it had read.
    expect(overlap.get(userId)).toBe('purge blocked on the row lock');
  });
});
