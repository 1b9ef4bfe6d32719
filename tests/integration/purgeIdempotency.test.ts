// The purge activity against real Postgres, on the paths a retry takes: the work already done (a
// retry after a crash, or a continued run: same idempotency key) and two attempts at once (an
// activity that timed out while still running, and its retry). Either way one evidence record and
// one purge, because eraseOnce checks the key first and the key is unique in the ledger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../db/client';
import { createUserAccountActivities, type PurgeUserInput } from '../../lifecycles/user/account';
import { userWorkflowId } from '../../lifecycles/user/contract';
import { testDatabaseUrl } from '../support/env';
import { testLedger } from '../support/temporal';
import { seedUser } from '../support/subjects';

let db: Db;
beforeAll(() => {
  db = createDb(testDatabaseUrl());
});
afterAll(async () => {
  await db?.$disconnect();
});

function purgeInput(userId: string, runId = 'run-1'): PurgeUserInput {
  const workflowId = userWorkflowId(userId);
  return {
    userId,
    rule: 'user.quarantine-purge',
    policyVersion: 'nitd-2026.1',
    reason: null,
    triggeredAt: '2026-01-31T17:00:00.000Z',
    dueAt: '2026-03-02T17:00:00.000Z',
    workflowId,
    runId,
    // Built on the FIRST run's ID, so it stays the same across retries and continue-as-new.
    idempotencyKey: `${workflowId}/first-run/purge`,
  };
}

const purgeRecords = (userId: string) => db.evidence.findMany({ where: { subjectKind: 'user', subjectId: userId, action: 'purge' } });

/**
 * Holds every caller's "already done?" read of the ledger until two callers have made it, so both
 * attempts pass the check before either writes: the race the unique key has to settle.
 */
function bothCheckBeforeEitherWrites(base: Db): Db {
  let arrived = 0;
  let open!: () => void;
  const bothChecked = new Promise<void>((resolve) => (open = resolve));
  const tooLong = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error('the second attempt never read the ledger')), 10_000).unref(),
  );
  return base.$extends({
    query: {
      evidence: {
        async findUnique({ args, query }) {
          const row = await query(args);
          if (++arrived === 2) open();
          await Promise.race([bothChecked, tooLong]);
          return row;
        },
      },
    },
  }) as unknown as Db;
}

describe('purgeUser idempotency (real Postgres)', () => {
  it('returns the first evidence with alreadyDone on a second call with the same key, and writes one record', async () => {
    const u = await seedUser(db);
    const { purgeUser } = createUserAccountActivities(db, testLedger());
    const first = await purgeUser(purgeInput(u.userId));
    expect(first).toMatchObject({
      alreadyDone: false,
      tables: { UserAccount: { anonymised: 1 }, LoginFactor: { deleted: 1 }, SupportCase: { anonymised: 1 } },
    });

    // The same step again, e.g. from the run a continue-as-new started: same key, another run ID.
    const again = await purgeUser(purgeInput(u.userId, 'run-2'));
    expect(again).toEqual({ ...first, alreadyDone: true });
    expect(await purgeRecords(u.userId)).toMatchObject([{ id: first.evidenceId, runId: 'run-1' }]);
  });

  it('lets only one of two concurrent attempts write; the other is refused by the key and answers with the first record', async () => {
    const u = await seedUser(db);
    const racing = createUserAccountActivities(bothCheckBeforeEitherWrites(db), testLedger());
    const attempts = await Promise.allSettled([racing.purgeUser(purgeInput(u.userId)), racing.purgeUser(purgeInput(u.userId))]);

    // Both answer: the loser's transaction rolled back on the unique idempotency key, and it
    // returns the winner's record instead of failing (no second purge, no retry needed).
    const outcomes = attempts.map((a) => {
      if (a.status === 'rejected') throw a.reason;
      return a.value;
    });
    const winner = outcomes.find((o) => !o.alreadyDone)!;
    expect(winner).toMatchObject({ alreadyDone: false, tables: { UserAccount: { anonymised: 1 } } });
    expect(outcomes.filter((o) => o.alreadyDone)).toEqual([{ ...winner, alreadyDone: true }]);

    // A later retry finds the same record.
    const retry = await createUserAccountActivities(db, testLedger()).purgeUser(purgeInput(u.userId));
    expect(retry).toEqual({ ...winner, alreadyDone: true });
    expect(await purgeRecords(u.userId)).toMatchObject([{ id: winner.evidenceId }]);
    const tombstone = await db.userAccount.findUniqueOrThrow({ where: { id: u.userId } });
    expect(tombstone).toMatchObject({ status: 'purged', username: null, email: null });
    expect(tombstone.purgedAt?.toISOString()).toBe(winner.startedAt);
  });
});
