// The customer cascade resumes a retried page where Postgres says it left off. IDs that mix case
// and punctuation sort one way in JavaScript and another under a real collation (ICU en-US here,
// en_US.utf8 in the compose image); a resume point compared in JavaScript skipped or repeated users.
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCascadeActivities } from '../../lifecycles/customer/cascade';
import { policyFromEnv } from '../../policy/fromEnv';
import { startApp, type RunningApp } from '../../testkit/app';
import { createIsolatedDatabase } from '../../testkit/isolatedDatabase';
import { testDatabaseUrl, testTemporalAddress } from '../support/env';

// Letters of both cases around punctuation: byte order and ICU order disagree on these.
const IDS = ['a-2', 'A-1', 'a_3', 'B.1', 'b-0', 'a.4', 'Ab', 'aB', 'b_9', 'A.0'];
const CUSTOMER = 'cust-collation';

let app: RunningApp;
beforeAll(async () => {
  const databaseUrl = await createIsolatedDatabase(testDatabaseUrl(), 'collation', { icuLocale: 'en-US' });
  app = await startApp({ databaseUrl, temporalAddress: testTemporalAddress(), worker: true, prefix: 'collation' });
  await app.db.customer.create({ data: { id: CUSTOMER, type: 'business', name: 'Kollasjon AS' } });
  for (const id of IDS) {
    await app.db.userAccount.create({
      data: {
        id,
        customerId: CUSTOMER,
        username: `u-${id}`,
        firstName: 'Test',
        lastName: 'Bruker',
        email: `${id}@example.no`,
        phone: '+4791234567',
      },
    });
  }
});
afterAll(async () => {
  await app?.stop();
});

describe('a retried cascade page under a non-C collation', () => {
  it('processes exactly the users after the heartbeated one, in Postgres order', async () => {
    const ordered = (await app.db.userAccount.findMany({ where: { customerId: CUSTOMER }, orderBy: { id: 'asc' } })).map((u) => u.id);
    // The test means something only where the two orders disagree.
    expect(ordered).not.toEqual([...IDS].sort());
    const done = ordered.slice(0, 4);
    const retry = new MockActivityEnvironment({
      taskQueue: app.config.temporal.taskQueue,
      heartbeatDetails: { lastUserId: done.at(-1), usersDone: done.length, usersSkipped: 0 },
    });
    const { cascadePage } = createCascadeActivities(app.db, app.temporal);
    const page = await retry.run(cascadePage, {
      customerId: CUSTOMER,
      action: 'terminate' as const,
      terminatedAt: new Date().toISOString(),
      reason: null,
      afterUserId: null,
      policy: policyFromEnv({}),
    });
    expect(page).toEqual({ usersDone: IDS.length, usersSkipped: 0, lastUserId: ordered.at(-1), finished: true });
    // The first attempt's users are left to it; every other user was terminated once, none skipped.
    const status = Object.fromEntries(
      (await app.db.userAccount.findMany({ where: { customerId: CUSTOMER }, select: { id: true, status: true } })).map((u) => [
        u.id,
        u.status,
      ]),
    );
    expect(Object.fromEntries(ordered.map((id, i) => [id, i < done.length ? 'active' : 'deactivated']))).toEqual(status);
  });
});
