// The rules of time through the real user workflow, on the time-skipping server with stubbed
// activities (no database): what the workflow asks its activities to do, and at which server time.
// userLifecycle.test.ts covers the same paths end to end with the real activities and Postgres.
import { describe, expect, it } from 'vitest';
import { createLifecycleClient } from '../../lifecycles/client';
import {
  erasureUpdate,
  holdUpdate,
  releaseUpdate,
  restoreUpdate,
  stateQuery,
  terminateUpdate,
  userWorkflowId,
} from '../../lifecycles/user/contract';
import { userKind } from '../../lifecycles/user/kind';
import { policyFromEnv } from '../../policy/fromEnv';
import { uniqueId } from '../support/subjects';
import { useStubbedTimeSkipping, type ActivityCall } from '../support/stubbedWorker';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();

const t = useStubbedTimeSkipping();
const policy = policyFromEnv({}); // P30D quarantine
const users = (taskQueue: string) => createLifecycleClient(userKind, { temporal: t.env.client, taskQueue, policy });
const handle = (userId: string) => t.env.client.workflow.getHandle(userWorkflowId(userId));

/**
 * Scheduled at `dueMs` on the server's clock: never before it, and within the minute of real time
 * the server's clock runs on between the timer firing and the workflow scheduling the activity.
 */
function expectScheduledAt(call: ActivityCall | undefined, dueMs: number): void {
  expect(call?.scheduledAt.getTime()).toBeGreaterThanOrEqual(dueMs);
  expect(call?.scheduledAt.getTime()).toBeLessThan(dueMs + MINUTE);
}

describe('user lifecycle (stubbed activities)', () => {
  it('deactivates the account at once on termination and purges nothing yet', async () => {
    await t.run({}, async ({ taskQueue, calls }) => {
      const userId = uniqueId('user');
      const t0 = (await t.now()).getTime();
      const v = await users(taskQueue).updateWithStart(userId, 'c1', terminateUpdate, { terminatedAt: iso(t0), reason: 'sluttet' });
      expect(v).toMatchObject({ phase: 'QUARANTINED', terminatedAt: iso(t0), purgeDueAt: iso(t0 + 30 * DAY) });
      expect(calls('deactivateUser').map((c) => c.input)).toEqual([{ userId }]);
      expectScheduledAt(calls('deactivateUser')[0], t0);
      expect(calls('purgeUser')).toEqual([]);
    });
  });

  it('purges exactly 30 days after the termination time: not a minute before, not later', async () => {
    await t.run({}, async ({ taskQueue, calls }) => {
      const userId = uniqueId('user');
      const t0 = (await t.now()).getTime();
      await users(taskQueue).updateWithStart(userId, 'c1', terminateUpdate, { terminatedAt: iso(t0) });
      await t.sleepUntil(t0 + 30 * DAY - MINUTE);
      expect(calls('purgeUser')).toEqual([]);
      expect((await handle(userId).query(stateQuery)).phase).toBe('QUARANTINED');

      const result = await handle(userId).result();
      const [purge, ...more] = calls('purgeUser');
      expect(more).toEqual([]);
      expect(purge?.input).toMatchObject({
        userId,
        rule: 'user.quarantine-purge',
        reason: null,
        triggeredAt: iso(t0),
        dueAt: iso(t0 + 30 * DAY),
        idempotencyKey: `${userWorkflowId(userId)}/${(await handle(userId).describe()).runId}/purge`,
      });
      expectScheduledAt(purge, t0 + 30 * DAY);
      expect(result).toMatchObject({ phase: 'PURGED', purgeRule: 'user.quarantine-purge' });
    });
  });

  it('stops the clock under a legal hold and resumes it on release, later by exactly the time held', async () => {
    await t.run({}, async ({ taskQueue, calls }) => {
      const userId = uniqueId('user');
      const lifecycle = users(taskQueue);
      const t0 = (await t.now()).getTime();
      await lifecycle.updateWithStart(userId, 'c1', terminateUpdate, { terminatedAt: iso(t0) });
      await t.sleepUntil(t0 + 10 * DAY);
      const held = await lifecycle.update(userId, holdUpdate, { reason: 'tvist, sak 44' });
      const holdStart = Date.parse(held.hold!.since);
      expect(held).toMatchObject({ purgeDueAt: null, remainingMs: t0 + 30 * DAY - holdStart });

      // Ten days past the original due time: nothing purged, and the remaining time has not moved.
      await t.sleepUntil(t0 + 40 * DAY);
      expect(calls('purgeUser')).toEqual([]);
      expect((await handle(userId).query(stateQuery)).remainingMs).toBe(held.remainingMs);

      const before = (await t.now()).getTime();
      const released = await lifecycle.update(userId, releaseUpdate, { reason: 'tvist avsluttet' });
      const after = (await t.now()).getTime();
      const due = Date.parse(released.purgeDueAt!);
      expect(due).toBeGreaterThanOrEqual(t0 + 30 * DAY + (before - holdStart));
      expect(due).toBeLessThanOrEqual(t0 + 30 * DAY + (after - holdStart));

      await t.sleepUntil(due - MINUTE);
      expect(calls('purgeUser')).toEqual([]);
      await handle(userId).result();
      expect(calls('purgeUser').map((c) => c.input.dueAt)).toEqual([released.purgeDueAt]);
      expectScheduledAt(calls('purgeUser')[0], due);
    });
  });

  it('restores a user during quarantine: the account is reactivated and no purge follows', async () => {
    await t.run({}, async ({ taskQueue, calls }) => {
      const userId = uniqueId('user');
      const lifecycle = users(taskQueue);
      const t0 = (await t.now()).getTime();
      await lifecycle.updateWithStart(userId, 'c1', terminateUpdate, { terminatedAt: iso(t0) });
      await t.sleepUntil(t0 + 29 * DAY);
      const restored = await lifecycle.update(userId, restoreUpdate, { reason: 'feil avslutning' });
      expect(restored).toMatchObject({ phase: 'ACTIVE', terminatedAt: null, purgeDueAt: null });
      expect(calls('reactivateUser').map((c) => c.input)).toEqual([{ userId }]);

      await t.sleepUntil(t0 + 60 * DAY);
      expect(calls('purgeUser')).toEqual([]);
      expect((await handle(userId).describe()).status.name).toBe('RUNNING');
      expect((await handle(userId).query(stateQuery)).phase).toBe('ACTIVE');
    });
  });

  it('purges at once on an erasure request, under user.erasure, with its reason', async () => {
    await t.run({}, async ({ taskQueue, calls }) => {
      const userId = uniqueId('user');
      const lifecycle = users(taskQueue);
      const t0 = (await t.now()).getTime();
      await lifecycle.updateWithStart(userId, 'c1', terminateUpdate, { terminatedAt: iso(t0) });
      await t.sleepUntil(t0 + 3 * DAY);
      const erased = await lifecycle.updateWithStart(userId, 'c1', erasureUpdate, { reason: 'GDPR art. 17, sak REQ-17' });
      expect(erased.phase).toBe('PURGED');
      const requestedAt = erased.erasureRequestedAt!;
      expect(Date.parse(requestedAt)).toBeGreaterThanOrEqual(t0 + 3 * DAY);
      expect(calls('purgeUser').map((c) => c.input)).toEqual([
        expect.objectContaining({ rule: 'user.erasure', reason: 'GDPR art. 17, sak REQ-17', triggeredAt: requestedAt, dueAt: requestedAt }),
      ]);
      expectScheduledAt(calls('purgeUser')[0], Date.parse(requestedAt));
    });
  });

  it('keeps an erasure request waiting under a legal hold and purges when the hold is released', async () => {
    await t.run({}, async ({ taskQueue, calls }) => {
      const userId = uniqueId('user');
      const lifecycle = users(taskQueue);
      const t0 = (await t.now()).getTime();
      await lifecycle.updateWithStart(userId, 'c1', holdUpdate, { reason: 'tvist, sak 45' });
      const erased = await lifecycle.updateWithStart(userId, 'c1', erasureUpdate, { reason: 'art. 17' });
      // Answered at once: the erasure terminated the active user, and the hold keeps the purge waiting.
      expect(erased).toMatchObject({ phase: 'QUARANTINED', hold: { reason: 'tvist, sak 45' }, purgeDueAt: null });
      expect(calls('deactivateUser')).toHaveLength(1);

      await t.sleepUntil(t0 + 40 * DAY);
      expect(calls('purgeUser')).toEqual([]);
      const released = (await t.now()).getTime();
      await lifecycle.update(userId, releaseUpdate, { reason: 'tvist avsluttet' });
      await handle(userId).result();
      expect(calls('purgeUser').map((c) => c.input)).toEqual([
        expect.objectContaining({ rule: 'user.erasure', dueAt: erased.erasureRequestedAt }),
      ]);
      expectScheduledAt(calls('purgeUser')[0], released);
    });
  });

  it('moves the due date to an EARLIER termination arriving during quarantine; a later one changes nothing', async () => {
    await t.run({}, async ({ taskQueue, calls }) => {
      const userId = uniqueId('user');
      const lifecycle = users(taskQueue);
      const t0 = (await t.now()).getTime();
      await lifecycle.updateWithStart(userId, 'c1', terminateUpdate, { terminatedAt: iso(t0) });
      await t.sleepUntil(t0 + 5 * DAY);

      const later = await lifecycle.updateWithStart(userId, 'c1', terminateUpdate, { terminatedAt: iso(t0 + 2 * DAY) });
      expect(later).toMatchObject({ terminatedAt: iso(t0), purgeDueAt: iso(t0 + 30 * DAY) });
      // The customer ended ten days before the user was terminated on their own: its time wins.
      const earlier = await lifecycle.updateWithStart(userId, 'c1', terminateUpdate, { terminatedAt: iso(t0 - 10 * DAY) });
      expect(earlier).toMatchObject({ terminatedAt: iso(t0 - 10 * DAY), purgeDueAt: iso(t0 + 20 * DAY) });
      expect(calls('deactivateUser')).toHaveLength(1);

      await t.sleepUntil(t0 + 20 * DAY - MINUTE);
      expect(calls('purgeUser')).toEqual([]);
      await handle(userId).result();
      expect(calls('purgeUser').map((c) => c.input)).toEqual([
        expect.objectContaining({ rule: 'user.quarantine-purge', triggeredAt: iso(t0 - 10 * DAY), dueAt: iso(t0 + 20 * DAY) }),
      ]);
      expectScheduledAt(calls('purgeUser')[0], t0 + 20 * DAY);
    });
  });
});
