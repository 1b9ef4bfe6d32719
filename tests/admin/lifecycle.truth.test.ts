// What the lifecycle page claims must be true of the lifecycle itself: its rule and duration come
// from its own policy version (a demo's 3-second quarantine is not "30 days"), or from the ledger
// once closed (an erasure is user.erasure); a row whose workflow Temporal lost shows as missing, not
// running, answers 404 for its history, is left out of the forecast, and an admin repairs it in one
// call (restarted through the backdated path, audited). Receipts and the ledger check are there too.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { writeProjection } from '../../lifecycles/shared/projectionStore';
import { ADMIN, AUDITOR, SERVICE, useApp } from '../support/harness';
import { projected, quarantinedUser } from '../support/http';
import { seedUser } from '../support/subjects';

// A demo policy: quarantine of 3 seconds instead of the notice's 30 days.
const api = useApp({ worker: true, env: { RETENTION_USER_QUARANTINE: 'PT3S' } });
const get = (path: string, who = AUDITOR) => request(api.app).get(`/api/admin${path}`).set(who);

describe('the rule the lifecycle actually runs under', () => {
  it('a user purged after a 3-second demo quarantine shows PT3S from the ledger and says the policy departs from the notice', async () => {
    const { workflowId, userId } = await quarantinedUser(api);
    const page = await projected(api, workflowId, (r) => r.status === 'completed', 30_000);
    expect(page).toMatchObject({
      phase: 'PURGED',
      policyVersion: 'nitd-2026.2+userQuarantine=PT3S',
      policy: { known: true, overrides: [{ setting: 'userQuarantine', value: 'PT3S', notice: 'P30D' }] },
      rule: { id: 'user.quarantine-purge', duration: 'PT3S', source: 'ledger', inForce: false },
    });
    const receipt = await get(`/receipts/user/${userId}`).expect(200);
    expect(receipt.body).toMatchObject({ subjectKind: 'user', subjectId: userId, erasedOnTime: { verdict: 'on-time' } });
    expect(receipt.body.findings.map((f: { code: string }) => f.code)).toContain('erased-on-time');
  });

  it('a user erased on request shows user.erasure, not the quarantine rule', async () => {
    const { workflowId, userId } = await quarantinedUser(api);
    await request(api.app)
      .post(`/api/v1/users/${userId}/erasure`)
      .set(SERVICE)
      .send({ reasonCode: 'gdpr-art17-request', note: 'krav om sletting' })
      .expect(202);
    const page = await projected(api, workflowId, (r) => r.status === 'completed', 30_000);
    expect(page.rule).toMatchObject({ id: 'user.erasure', source: 'ledger', inForce: false });
  });
});

describe('a row whose workflow Temporal does not have', () => {
  it('is missing, not running: live says so, history is 404, the list marks it, the forecast leaves it out, and a repair restarts it', async () => {
    const { userId } = await seedUser(api.db);
    const deactivatedAt = new Date(Date.now() - 60_000);
    await api.db.userAccount.update({ where: { id: userId }, data: { status: 'deactivated', deactivatedAt } });
    const workflowId = `user-lifecycle-${userId}`;
    // Far enough ahead that the 3-second demo quarantine of a restart moves it out of this week, and
    // in a week (the 11th) where no other test's running workflow is due: the suite shares one
    // Temporal namespace, whose running workflows due that week the check subtracts.
    const dueAt = new Date(Date.now() + 70 * 86_400_000).toISOString();
    await writeProjection(api.db, {
      workflowId,
      runId: null,
      kind: 'user',
      subjectId: userId,
      customerId: null,
      phase: 'QUARANTINED',
      status: 'running',
      dueAt,
      onHold: false,
      policyVersion: 'nitd-2026.1',
      version: 1,
    });

    expect((await get(`/lifecycles/${workflowId}`).expect(200)).body).toMatchObject({ status: 'running', rule: { source: 'projection' } });
    expect((await get(`/lifecycles/${workflowId}/live`).expect(200)).body).toMatchObject({
      presence: 'missing',
      temporalStatus: 'NOT_FOUND',
    });
    expect((await get(`/lifecycles/${workflowId}/history`).expect(404)).body.error).toMatch(/Temporal has no workflow/);
    const presence = await get(`/lifecycles/presence?ids=${encodeURIComponent(JSON.stringify([workflowId]))}`).expect(200);
    expect(presence.body).toEqual({ [workflowId]: 'missing' });

    const [summary, checks] = await Promise.all([get('/dashboard').expect(200), get('/dashboard/checks').expect(200)]);
    const week = summary.body.weeks.findIndex((w: { start: string; end: string }) => w.start <= dueAt && dueAt < w.end);
    expect(summary.body.weeks[week].due.user).toBeGreaterThanOrEqual(1);
    expect(checks.body.notScheduled[week].user).toBeGreaterThanOrEqual(1);
    expect(checks.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ workflowId, problem: 'missing' })]));

    await get(`/lifecycles/${workflowId}/repair`, ADMIN).expect(404); // only POST
    await request(api.app)
      .post(`/api/admin/lifecycles/${workflowId}/repair`)
      .set(AUDITOR)
      .send({ reasonCode: 'conformance-repair', note: 'x' })
      .expect(403);
    expect((await request(api.app).post(`/api/admin/lifecycles/${workflowId}/repair`).set(ADMIN).send({})).status).toBe(400);
    const repaired = await request(api.app)
      .post(`/api/admin/lifecycles/${workflowId}/repair`)
      .set(ADMIN)
      .send({ reasonCode: 'conformance-repair', note: 'arbeidsflyt tapt ved gjenoppretting' })
      .expect(200);
    expect(repaired.body).toMatchObject({ action: 'repair', outcome: 'accepted' });
    expect(repaired.body.lifecycle.presence).not.toBe('missing');
    const page = await projected(api, workflowId, (r) => r.status !== 'running' || r.phase !== 'QUARANTINED' || r.dueAt !== dueAt, 30_000);
    expect(page.adminActions).toEqual([
      expect.objectContaining({
        action: 'repair',
        outcome: 'accepted',
        reason: 'conformance-repair',
        detail: 'lifecycle restarted (terminated)',
      }),
    ]);
    // Backdated to the deactivation: the termination in the history names that time, not now.
    const history = await get(`/lifecycles/${workflowId}/history`).expect(200);
    const terminate = history.body.timeline.find((e: { event: string }) => e.event === 'request.terminate');
    expect(terminate.params.terminatedAt).toBe(deactivatedAt.toISOString());
  });

  it('answers 404 for a lifecycle that does not exist, for every read', async () => {
    for (const path of ['', '/live', '/history', '/history/raw', '/history/decoded']) {
      await get(`/lifecycles/user-lifecycle-nobody-at-all${path}`).expect(404);
    }
  });
});

describe('the ledger check', () => {
  it('recomputes the chain and says it is intact', async () => {
    const res = await get('/ledger/verify').expect(200);
    expect(res.body).toMatchObject({ id: 'ledger', ok: true, firstBroken: null });
    expect(res.body.records).toBeGreaterThanOrEqual(0);
  });
});
