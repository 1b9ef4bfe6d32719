// The user lifecycle on the time-skipping test server, with the real activities on a real
// Postgres: months of quarantine pass in seconds.
import { describe, expect, it } from 'vitest';
import type { UserService } from '../../lifecycles/user/service';
import { userWorkflowId } from '../../lifecycles/user/contract';
import { ConflictError } from '../../lifecycles/errors';
import { userServiceFor } from '../support/temporal';
import { useTimeSkipping } from '../support/timeSkipping';
import { leakedValues, personalTraces, seedUser, uniqueId } from '../support/subjects';
import { POLICY_BASE_VERSION } from '../../policy/retention';

const DAY = 24 * 3600 * 1000;
const t = useTimeSkipping();

/** Runs a scenario with its own task queue and worker, through the API's user service. */
async function scenario(fn: (users: UserService) => Promise<void>): Promise<void> {
  const taskQueue = uniqueId('tq');
  const worker = await t.worker(taskQueue);
  await worker.runUntil(fn(userServiceFor(t.db, t.env.client, taskQueue)));
}

const now = () => t.now();
const result = (userId: string) => t.env.client.workflow.getHandle(userWorkflowId(userId)).result();
// The purge records; the post-purge verification's own record is checked where it matters.
const evidenceOf = (userId: string) => t.db.evidence.findMany({ where: { subjectId: userId, action: 'purge' } });

describe('user lifecycle', () => {
  it('deactivates at once, keeps data through 30 days of quarantine, then purges it with one evidence record', async () => {
    await scenario(async (users) => {
      const u = await seedUser(t.db);
      const t0 = await now();
      const v = await users.terminate(u.userId, t0.toISOString(), 'kundeforhold avsluttet');
      expect(v.phase).toBe('QUARANTINED');
      expect(v.purgeDueAt).toBe(new Date(t0.getTime() + 30 * DAY).toISOString());
      expect(v.policyVersion).toBe(POLICY_BASE_VERSION);
      const account = await t.db.userAccount.findUniqueOrThrow({ where: { id: u.userId }, include: { loginFactors: true } });
      expect(account.status).toBe('deactivated');
      expect(account.loginFactors.every((f) => !f.enabled)).toBe(true);

      await t.env.sleep('29 days');
      expect((await users.lifecycle(u.userId)).phase).toBe('QUARANTINED');
      expect(leakedValues(await personalTraces(t.db, u), u)).toHaveLength(5);

      await t.env.sleep('2 days');
      expect(await result(u.userId)).toMatchObject({ phase: 'PURGED', purgeRule: 'user.quarantine-purge' });
      expect(leakedValues(await personalTraces(t.db, u), u)).toEqual([]);
      const tombstone = await t.db.userAccount.findUniqueOrThrow({ where: { id: u.userId } });
      expect(tombstone).toMatchObject({ status: 'purged', customerId: null, username: null, email: null, phone: null });
      const [supportCase] = await t.db.supportCase.findMany({
        where: { subject: 'VPN-tilkobling faller ut', requesterErasedAt: { not: null } },
        orderBy: { openedAt: 'desc' },
        take: 1,
      });
      expect(supportCase).toMatchObject({ category: 'network', requesterId: null, requesterName: null });
      const evidence = await evidenceOf(u.userId);
      expect(evidence).toHaveLength(1);
      expect(evidence[0]).toMatchObject({
        action: 'purge',
        rule: 'user.quarantine-purge',
        tables: { UserAccount: { anonymised: 1 }, LoginFactor: { deleted: 1 }, SupportCase: { anonymised: 1 } },
      });
      expect(evidence[0]!.dueAt?.toISOString()).toBe(v.purgeDueAt);
      expect((await users.lifecycle(u.userId)).phase).toBe('PURGED');
    });
  });

  it('restores a user on day 29: the account is active again and nothing is purged', async () => {
    await scenario(async (users) => {
      const u = await seedUser(t.db);
      await users.terminate(u.userId, (await now()).toISOString(), undefined);
      await t.env.sleep('29 days');
      expect((await users.restore(u.userId, 'feil avslutning')).phase).toBe('ACTIVE');
      const account = await t.db.userAccount.findUniqueOrThrow({ where: { id: u.userId }, include: { loginFactors: true } });
      expect(account.status).toBe('active');
      expect(account.loginFactors.every((f) => f.enabled)).toBe(true);
      await t.env.sleep('10 days');
      expect((await users.lifecycle(u.userId)).phase).toBe('ACTIVE');
      expect(await evidenceOf(u.userId)).toEqual([]);
    });
  });

  it('purges at once on an erasure request on day 3, recording the rule and the reason', async () => {
    await scenario(async (users) => {
      const u = await seedUser(t.db);
      await users.terminate(u.userId, (await now()).toISOString(), undefined);
      await t.env.sleep('3 days');
      const v = await users.erase(u.userId, 'GDPR art. 17 request, case REQ-17');
      expect(v.phase).toBe('PURGED');
      expect(leakedValues(await personalTraces(t.db, u), u)).toEqual([]);
      expect(await evidenceOf(u.userId)).toMatchObject([{ rule: 'user.erasure', reason: 'GDPR art. 17 request, case REQ-17' }]);
      // The answer comes once the data is gone; the lifecycle ends after the post-purge verification.
      expect(await result(u.userId)).toMatchObject({ phase: 'PURGED', verificationEvidenceId: expect.any(String) });
    });
  });

  it('stops the clock under a legal hold: held on day 10, released on day 40, purged on day 60', async () => {
    await scenario(async (users) => {
      const u = await seedUser(t.db);
      const t0 = await now();
      await users.terminate(u.userId, t0.toISOString(), undefined);
      await t.env.sleep('10 days');
      const held = await users.hold(u.userId, 'tvist, sak 44');
      expect(held).toMatchObject({ purgeDueAt: null, hold: { reason: 'tvist, sak 44' } });
      await t.env.sleep('30 days');
      expect(await evidenceOf(u.userId)).toEqual([]);
      const released = await users.release(u.userId, 'tvist avsluttet');
      // The hold's 30 days (plus the few milliseconds the calls took) push the purge to day 60.
      expect(Date.parse(released.purgeDueAt!) - t0.getTime()).toBeGreaterThanOrEqual(60 * DAY);
      expect(Date.parse(released.purgeDueAt!) - t0.getTime()).toBeLessThan(60 * DAY + 60_000);
      await t.env.sleep(19.5 * DAY);
      expect((await users.lifecycle(u.userId)).phase).toBe('QUARANTINED');
      await t.env.sleep(1 * DAY);
      expect(await result(u.userId)).toMatchObject({ phase: 'PURGED' });
    });
  });

  it('keeps an erasure request waiting while on hold and purges on release', async () => {
    await scenario(async (users) => {
      const u = await seedUser(t.db);
      await users.hold(u.userId, 'tvist, sak 45');
      const erased = await users.erase(u.userId, 'art. 17');
      expect(erased).toMatchObject({ phase: 'QUARANTINED', hold: { reason: 'tvist, sak 45' } });
      expect(erased.erasureRequestedAt).not.toBeNull();
      await t.env.sleep('40 days');
      expect(await evidenceOf(u.userId)).toEqual([]);
      await users.release(u.userId, 'tvist avsluttet');
      expect(await result(u.userId)).toMatchObject({ phase: 'PURGED', purgeRule: 'user.erasure' });
    });
  });

  it('counts the quarantine from the termination time the caller gives, not from when it arrived', async () => {
    await scenario(async (users) => {
      const u = await seedUser(t.db);
      const reported = await now();
      const terminatedAt = new Date(reported.getTime() - 10 * DAY);
      const v = await users.terminate(u.userId, terminatedAt.toISOString(), undefined);
      expect(v.purgeDueAt).toBe(new Date(reported.getTime() + 20 * DAY).toISOString());
      await t.env.sleep('19 days');
      expect((await users.lifecycle(u.userId)).phase).toBe('QUARANTINED');
      await t.env.sleep('2 days');
      expect(await result(u.userId)).toMatchObject({ phase: 'PURGED' });
    });
  });

  it('refuses a restore after the purge with a clear error', async () => {
    await scenario(async (users) => {
      const u = await seedUser(t.db);
      await users.terminate(u.userId, (await now()).toISOString(), undefined);
      await t.env.sleep('31 days');
      await result(u.userId);
      await expect(users.restore(u.userId, undefined)).rejects.toThrow(ConflictError);
      await expect(users.restore(u.userId, undefined)).rejects.toThrow(/already been purged/);
      await expect(users.hold(u.userId, 'for sent')).rejects.toThrow(/already been purged/);
    });
  });

  it('treats a second termination as a no-op: same run, same deadline, one deactivation, one purge', async () => {
    await scenario(async (users) => {
      const u = await seedUser(t.db);
      const t0 = await now();
      const first = await users.terminate(u.userId, t0.toISOString(), undefined);
      const handle = t.env.client.workflow.getHandle(userWorkflowId(u.userId));
      const runId = (await handle.describe()).runId;
      const deactivatedAt = (await t.db.userAccount.findUniqueOrThrow({ where: { id: u.userId } })).deactivatedAt;
      await t.env.sleep('5 days');
      const second = await users.terminate(u.userId, (await now()).toISOString(), 'duplikat');
      expect(second.purgeDueAt).toBe(first.purgeDueAt);
      expect((await handle.describe()).runId).toBe(runId);
      expect((await t.db.userAccount.findUniqueOrThrow({ where: { id: u.userId } })).deactivatedAt).toEqual(deactivatedAt);
      await t.env.sleep('26 days');
      await result(u.userId);
      const third = await users.terminate(u.userId, (await now()).toISOString(), undefined);
      expect(third.phase).toBe('PURGED');
      expect(await evidenceOf(u.userId)).toHaveLength(1);
    });
  });
});
