// Post-purge verification on the time-skipping server with the real activities: a clean purge is
// verified and sealed in the ledger with the history digest; a straggling write that brings
// personal data back keeps the lifecycle open and flagged until the data is gone and a re-check
// passes.
import { describe, expect, it } from 'vitest';
import request from 'supertest';
import pino from 'pino';
import { createApp } from '../../api/app';
import { loadConfig } from '../../config/env';
import { retryVerificationUpdate, stateQuery, userWorkflowId } from '../../lifecycles/user/contract';
import { userServiceFor } from '../support/temporal';
import { useTimeSkipping } from '../support/timeSkipping';
import { seedUser, uniqueId } from '../support/subjects';
import { testDatabaseUrl } from '../support/env';

const t = useTimeSkipping();

/** A worker over the real activities; `afterPurge` runs right after the real purge commits. */
function workerWith(taskQueue: string, afterPurge?: (userId: string) => Promise<void>) {
  return t.worker(taskQueue, (real) => ({
    ...real,
    async purgeUser(input: Parameters<typeof real.purgeUser>[0]) {
      const outcome = await real.purgeUser(input);
      await afterPurge?.(input.userId);
      return outcome;
    },
  }));
}

/** A seeded user, the API's user service and such a worker, on a task queue of their own. */
async function arrange(afterPurge?: (userId: string) => Promise<void>) {
  const taskQueue = uniqueId('verify');
  const worker = await workerWith(taskQueue, afterPurge);
  const u = await seedUser(t.db);
  const users = userServiceFor(t.db, t.env.client, taskQueue);
  const handle = t.env.client.workflow.getHandle(userWorkflowId(u.userId));
  return { taskQueue, worker, u, users, handle };
}

const AUDITOR = { Authorization: 'Bearer verify-auditor' };
function auditApi(taskQueue: string) {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: testDatabaseUrl(),
    TEMPORAL_TASK_QUEUE: taskQueue,
    API_TOKENS: 'auditor:verify-auditor',
  });
  return createApp({ db: t.db, temporal: t.env.client, config, logger: pino({ level: 'silent' }) });
}

describe('post-purge verification', () => {
  it('verifies a clean purge and seals it in the ledger with a digest of the history', async () => {
    const { taskQueue, worker, u, users, handle } = await arrange();
    await worker.runUntil(async () => {
      await users.terminate(u.userId, (await t.now()).toISOString(), undefined);
      await t.env.sleep('31 days');
      const result = await handle.result();
      expect(result.verificationEvidenceId).toEqual(expect.any(String));
    });
    const [purge, verify] = await t.db.evidence.findMany({ where: { subjectId: u.userId }, orderBy: { seq: 'asc' } });
    expect(purge).toMatchObject({ action: 'purge', detail: { supportCaseIds: [expect.any(String)] } });
    expect(verify).toMatchObject({ action: 'verify', rule: 'user.post-purge-verification', prevHash: expect.any(String) });
    const detail = verify!.detail as { ok: boolean; checks: { found: number }[]; history: { sha256: string; events: number } };
    expect(detail.ok).toBe(true);
    expect(detail.checks.length).toBeGreaterThanOrEqual(6);
    expect(detail.checks.every((c) => c.found === 0)).toBe(true);
    expect(detail.history.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(detail.history.events).toBeGreaterThan(5);

    const receipt = await request(auditApi(taskQueue)).get(`/api/audit/receipts/user/${u.userId}`).set(AUDITOR).expect(200);
    expect(receipt.body).toMatchObject({
      erasedAt: purge!.finishedAt.toISOString(),
      dueAt: purge!.dueAt!.toISOString(),
      ledgerHash: verify!.hash,
      erasedOnTime: { answer: true, verdict: 'on-time' },
    });
    expect(receipt.body.erasures[0].tables).toEqual({
      UserAccount: { anonymised: 1 },
      LoginFactor: { deleted: 1 },
      SupportCase: { anonymised: 1 },
    });
    expect(receipt.body.erasedOnTime.reasons.join('\n')).toMatch(/found nothing personal left/);
  });

  it('keeps the lifecycle open and flagged while personal data is back, and completes once a re-check passes', async () => {
    let straggler: string | undefined;
    // A late import re-links a support case, with the requester's name, right after the purge.
    const { worker, u, users, handle } = await arrange(async (userId) => {
      if (straggler) return;
      straggler = (
        await t.db.supportCase.create({
          data: { requesterId: userId, requesterName: 'Kari Nordmann', subject: 'Import', description: 'Sen import', category: 'import' },
        })
      ).id;
    });
    await worker.runUntil(async () => {
      await users.terminate(u.userId, (await t.now()).toISOString(), undefined);
      await users.erase(u.userId, 'art. 17');
      // Wait (in workflow time) until the first check has run.
      for (let i = 0; i < 50 && !(await handle.query(stateQuery)).verification; i++) await t.env.sleep('1 second');
      const failed = await handle.query(stateQuery);
      expect(failed).toMatchObject({ phase: 'PURGED', verificationFailed: true });
      expect(failed.verification!.failed).toEqual([{ store: 'SupportCase', check: 'cases linked to the user', found: 1 }]);
      expect(JSON.stringify(failed)).not.toContain('Nordmann');
      const described = await handle.describe();
      expect(described.status.name).toBe('RUNNING');
      expect(described.searchAttributes.LifecycleVerificationFailed).toEqual([true]);

      // Hours pass: it re-checks, still finds the case, and stays open.
      await t.env.sleep('3 hours');
      expect((await handle.query(stateQuery)).verification!.attempts).toBeGreaterThanOrEqual(3);
      expect((await handle.describe()).status.name).toBe('RUNNING');
      expect(await t.db.evidence.count({ where: { subjectId: u.userId, action: 'verify' } })).toBe(0);

      // An operator removes the straggler and asks for a re-check: the lifecycle completes.
      await t.db.supportCase.delete({ where: { id: straggler! } });
      const passed = await handle.executeUpdate(retryVerificationUpdate, { args: [{ reason: 'straggler removed, INC-12' }] });
      expect(passed).toMatchObject({ verificationFailed: false, verification: { ok: true } });
      await expect(handle.result()).resolves.toMatchObject({ phase: 'PURGED', verificationEvidenceId: expect.any(String) });
    });
    expect((await handle.describe()).searchAttributes.LifecycleVerificationFailed).toEqual([false]);
    expect(await t.db.evidence.count({ where: { subjectId: u.userId, action: 'verify' } })).toBe(1);
  });

  it('refuses a re-check when verification has not failed', async () => {
    const { worker, u, users, handle } = await arrange();
    await worker.runUntil(async () => {
      await users.terminate(u.userId, (await t.now()).toISOString(), undefined);
      const refused = await handle.executeUpdate(retryVerificationUpdate, { args: [{ reason: 'why not' }] }).catch((err: Error) => err);
      expect((refused as Error & { cause?: Error }).cause?.message).toMatch(/has not failed/);
      await users.erase(u.userId, 'art. 17');
      await handle.result();
    });
  });
});
