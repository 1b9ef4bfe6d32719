// A quarantine that starts on 29 February, through the real user workflow (stubbed activities): with
// a P1Y quarantine the purge falls due on 28 February of the next year at the same UTC time, the
// instant addIsoDuration gives (tests/unit/duration.test.ts), not on 1 March.
import { describe, expect, it } from 'vitest';
import { createLifecycleClient } from '../../lifecycles/client';
import { terminateUpdate, userWorkflowId } from '../../lifecycles/user/contract';
import { userKind } from '../../lifecycles/user/kind';
import { policyFromEnv } from '../../policy/fromEnv';
import { DEFAULT_DURATIONS, POLICY_BASE_VERSION, policyVersion } from '../../policy/retention';
import { uniqueId } from '../support/subjects';
import { useStubbedTimeSkipping } from '../support/stubbedWorker';

const MINUTE = 60_000;
const t = useStubbedTimeSkipping();
// A year on the user's clock: longer than start-up allows (the notice's 30 days), so the snapshot is
// made by hand; the workflow takes any snapshot, and a year is where leap days bite.
const policy = { ...policyFromEnv({}), userQuarantine: 'P1Y', version: policyVersion({ ...DEFAULT_DURATIONS, userQuarantine: 'P1Y' }) };

/**
 * The time-skipping server's clock starts at the wall clock and only moves forward, so the test
 * takes it to the next leap day it can still reach; each start's due time is written out by hand.
 */
const LEAP_DAYS: [start: string, due: string][] = [
  ['2028-02-29T10:00:00.000Z', '2029-02-28T10:00:00.000Z'],
  ['2032-02-29T10:00:00.000Z', '2033-02-28T10:00:00.000Z'],
  ['2036-02-29T10:00:00.000Z', '2037-02-28T10:00:00.000Z'],
  ['2040-02-29T10:00:00.000Z', '2041-02-28T10:00:00.000Z'],
];

describe('a quarantine starting on a leap day (P1Y override)', () => {
  it('purges on 28 February of the next year when the termination is reported on 29 February', async () => {
    await t.run({}, async ({ taskQueue, calls }) => {
      const now = (await t.now()).getTime();
      const leap = LEAP_DAYS.find(([start]) => Date.parse(start) > now);
      if (!leap) throw new Error('every leap day listed has passed: add the next ones');
      const [start, due] = leap;
      await t.sleepUntil(Date.parse(start));

      const userId = uniqueId('user');
      const users = createLifecycleClient(userKind, { temporal: t.env.client, taskQueue, policy });
      const v = await users.updateWithStart(userId, null, terminateUpdate, { terminatedAt: start });
      expect(v).toMatchObject({ purgeDueAt: due, quarantine: 'P1Y' });

      await t.sleepUntil(Date.parse(due) - MINUTE);
      expect(calls('purgeUser')).toEqual([]);
      await t.env.client.workflow.getHandle(userWorkflowId(userId)).result();
      const [purge] = calls('purgeUser');
      expect(purge?.input).toMatchObject({ triggeredAt: start, dueAt: due, policyVersion: `${POLICY_BASE_VERSION}+userQuarantine=P1Y` });
      expect(purge?.scheduledAt.getTime()).toBeGreaterThanOrEqual(Date.parse(due));
      expect(purge?.scheduledAt.getTime()).toBeLessThan(Date.parse(due) + MINUTE);
    });
  });

  it('computes 2025-02-28 for a termination on 2024-02-29 reported late, and purges at once', async () => {
    await t.run({}, async ({ taskQueue, calls, called }) => {
      const userId = uniqueId('user');
      const users = createLifecycleClient(userKind, { temporal: t.env.client, taskQueue, policy });
      // The purge may finish before the termination's answer is sent: its input is what to check.
      await users.updateWithStart(userId, null, terminateUpdate, { terminatedAt: '2024-02-29T10:00:00.000Z' });
      await called('purgeUser');
      expect(calls('purgeUser').map((c) => c.input)).toEqual([
        expect.objectContaining({ triggeredAt: '2024-02-29T10:00:00.000Z', dueAt: '2025-02-28T10:00:00.000Z' }),
      ]);
    });
  });
});
