// What the user lifecycle does with messages that arrive WHILE its purge activity runs: the purge
// cannot be taken back, so a restore or a hold is refused as a phase conflict, an earlier termination
// changes nothing, and exactly one purge happens. The stubbed purge blocks until the test lets it go.
import { describe, expect, it } from 'vitest';
import { createLifecycleClient } from '../../lifecycles/client';
import { ConflictError } from '../../lifecycles/errors';
import { holdUpdate, restoreUpdate, stateQuery, terminateUpdate, userWorkflowId } from '../../lifecycles/user/contract';
import { userKind } from '../../lifecycles/user/kind';
import { policyFromEnv } from '../../policy/fromEnv';
import { uniqueId } from '../support/subjects';
import { DEFAULT_STUBS, useStubbedTimeSkipping } from '../support/stubbedWorker';

const DAY = 24 * 3600 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();
const t = useStubbedTimeSkipping();

describe('messages arriving while the purge runs', () => {
  it('refuses restore and hold, ignores an earlier termination, and purges exactly once', async () => {
    let letPurgeFinish!: () => void;
    const purgeMayFinish = new Promise<void>((resolve) => (letPurgeFinish = resolve));
    const blockingPurge = {
      purgeUser: async () => {
        await purgeMayFinish;
        return DEFAULT_STUBS.purgeUser();
      },
    };

    await t.run(blockingPurge, async ({ taskQueue, calls, called }) => {
      try {
        const userId = uniqueId('user');
        const users = createLifecycleClient(userKind, { temporal: t.env.client, taskQueue, policy: policyFromEnv({}) });
        const handle = t.env.client.workflow.getHandle(userWorkflowId(userId));
        // Terminated 30 days ago: the purge is due at once, so no timer has to fire (and no time is
        // skipped) while the purge is held open.
        const t0 = (await t.now()).getTime();
        const terminatedAt = iso(t0 - 30 * DAY);
        await users.updateWithStart(userId, 'c1', terminateUpdate, { terminatedAt });
        await called('purgeUser');
        expect(await handle.query(stateQuery)).toMatchObject({ phase: 'QUARANTINED', purging: true });

        const restore = users.update(userId, restoreUpdate, { reason: 'feil avslutning' });
        await expect(restore).rejects.toBeInstanceOf(ConflictError);
        await expect(restore).rejects.toThrow('cannot restore: the purge is already running');
        const hold = users.updateWithStart(userId, 'c1', holdUpdate, { reason: 'tvist' });
        await expect(hold).rejects.toBeInstanceOf(ConflictError);
        await expect(hold).rejects.toThrow('cannot place a hold: the purge is already running');
        const earlier = await users.updateWithStart(userId, 'c1', terminateUpdate, { terminatedAt: iso(t0 - 60 * DAY) });
        expect(earlier).toMatchObject({ terminatedAt, purging: true, hold: null });

        letPurgeFinish();
        expect(await handle.result()).toMatchObject({ phase: 'PURGED', purgeRule: 'user.quarantine-purge' });
        expect(calls('purgeUser').map((c) => c.input)).toEqual([expect.objectContaining({ triggeredAt: terminatedAt, dueAt: iso(t0) })]);
        expect(calls('reactivateUser')).toEqual([]);
        expect(calls('deactivateUser')).toHaveLength(1);
      } finally {
        letPurgeFinish(); // a failed assertion must not leave the worker waiting on the activity
      }
    });
  });
});
