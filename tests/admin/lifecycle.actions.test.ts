// The lifecycle page's data and the admin actions on real workflows: the worker writes the list
// row, holds and cancels go through Temporal, each action is recorded with its reason, and the
// history reads as a timeline.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { appendAdminAction } from '../../ledger/adminActions';
import { writeProjection } from '../../lifecycles/shared/projectionStore';
import { TEST_TOKEN_NAMES } from '../../testkit/app';
import { ADMIN, AUDITOR, useApp } from '../support/harness';
import { projected, quarantinedUser } from '../support/http';
import { POLICY_BASE_VERSION } from '../../policy/retention';

const api = useApp({ worker: true });
const act = (id: string, action: string, body: object, who = ADMIN) =>
  request(api.app).post(`/api/admin/lifecycles/${id}/${action}`).set(who).send(body);

describe('a quarantined user lifecycle in the console', () => {
  it('is listed by its own workflow and shows state, rule, due date and time left', async () => {
    const { userId, customerId, workflowId } = await quarantinedUser(api);
    const page = await projected(api, workflowId, (r) => r.phase === 'QUARANTINED');
    expect(page).toMatchObject({
      id: workflowId,
      kind: 'user',
      subjectId: userId,
      customerId,
      status: 'running',
      onHold: false,
      rule: { id: 'user.quarantine-purge', action: 'delete', duration: 'P30D', source: 'projection', inForce: true },
      policy: { version: POLICY_BASE_VERSION, known: true, overrides: [] },
      policyVersion: POLICY_BASE_VERSION,
    });
    const due = Date.parse(page.dueAt as string);
    expect(due - Date.now()).toBeGreaterThan(29 * 86_400_000);
    const live = await request(api.app).get(`/api/admin/lifecycles/${workflowId}/live`).set(AUDITOR).expect(200);
    expect(live.body).toMatchObject({
      temporalStatus: 'RUNNING',
      presence: 'ok',
      rule: { id: 'user.quarantine-purge', duration: 'P30D', source: 'workflow' },
      deadlines: [{ key: 'purgeDueAt', at: page.dueAt }],
    });
    expect(live.body.remainingMs).toBeGreaterThan(29 * 86_400_000);
    const list = await request(api.app)
      .get(`/api/admin/lifecycles?filter=${encodeURIComponent(JSON.stringify({ customerId, phase: 'QUARANTINED', kind: 'user' }))}`)
      .set(AUDITOR)
      .expect(200);
    expect(list.body.map((r: { id: string }) => r.id)).toEqual([workflowId]);
  });

  it('places a hold with a reason, records it for auditors, and shows it in the timeline', async () => {
    const { workflowId } = await quarantinedUser(api);
    await projected(api, workflowId, (r) => r.phase === 'QUARANTINED');
    expect((await act(workflowId, 'hold', {}).expect(400)).body.fields[0].field).toBe('reasonCode');
    await act(workflowId, 'hold', { reasonCode: 'legal-hold', note: 'tvist om faktura' }, AUDITOR).expect(403);
    const held = await act(workflowId, 'hold', { reasonCode: 'legal-hold', note: 'tvist om faktura' }).expect(200);
    expect(held.body).toMatchObject({ action: 'hold', outcome: 'accepted', lifecycle: { hold: { reason: 'legal-hold' } } });
    // The note stays with the subject's data, apart from the ledger and the history.
    expect(await api.db.actionNote.findMany({ where: { workflowId, action: 'hold' } })).toEqual([
      expect.objectContaining({ action: 'hold', reasonCode: 'legal-hold', note: 'tvist om faktura', workflowId }),
    ]);
    const page = await projected(api, workflowId, (r) => r.onHold === true);
    expect(page.dueAt).toBeNull(); // the clock is stopped
    const asAuditor = await request(api.app).get(`/api/admin/lifecycles/${workflowId}`).set(AUDITOR).expect(200);
    // Listed once, by its outcome, which points at the request written before the hold was tried; the
    // ledger keeps both rows, and both name the person.
    const who = { actorRole: 'admin', actorName: TEST_TOKEN_NAMES.admin, action: 'hold', reason: 'legal-hold' };
    expect(asAuditor.body.adminActions).toEqual([expect.objectContaining({ ...who, outcome: 'accepted', requestId: expect.any(String) })]);
    const requested = await api.db.adminAction.findUniqueOrThrow({ where: { id: asAuditor.body.adminActions[0].requestId } });
    expect(requested).toMatchObject({ ...who, outcome: 'requested', requestId: null });

    const history = await request(api.app).get(`/api/admin/lifecycles/${workflowId}/history`).set(AUDITOR).expect(200);
    const events = history.body.timeline.map((e: { event: string }) => e.event);
    expect(events).toEqual(
      expect.arrayContaining([
        'lifecycle.started',
        'request.terminate',
        'activity.deactivateUser',
        'phase.QUARANTINED',
        'request.placeHold',
      ]),
    );
    const hold = history.body.timeline.find((e: { event: string }) => e.event === 'request.placeHold');
    expect(hold.params).toEqual({ reason: 'legal-hold' });
    const deactivated = history.body.timeline.find((e: { event: string }) => e.event === 'activity.deactivateUser');
    expect(deactivated).toMatchObject({ kind: 'activity', outcome: 'ok', attempts: 1 });
    expect(history.body.timeline.find((e: { event: string }) => e.event === 'timer.started').params.seconds).toBeGreaterThan(29 * 86_400);
    // Oldest first, like the admin actions beside it.
    const times = history.body.timeline.map((e: { at: string }) => e.at);
    expect([...times].sort()).toEqual(times);

    const raw = await request(api.app).get(`/api/admin/lifecycles/${workflowId}/history/raw`).set(AUDITOR).expect(200);
    expect(raw.headers['content-disposition']).toMatch(/^attachment; filename="?user-lifecycle-user-[0-9a-f]{8}-history\.json"?$/);
    expect(raw.body.events[0].eventType).toMatch(/WORKFLOW_EXECUTION_STARTED/);
    expect(JSON.stringify(raw.body)).toMatch(/binary\/encrypted|YmluYXJ5L2VuY3J5cHRlZA/); // encrypted as stored

    // The auditor's download: every payload decoded, the hold's reason code readable (its note never
    // reached the history), nothing encrypted left.
    const decoded = await request(api.app).get(`/api/admin/lifecycles/${workflowId}/history/decoded`).set(AUDITOR).expect(200);
    expect(decoded.headers['content-disposition']).toMatch(/history-decoded\.json/);
    const text = JSON.stringify(decoded.body.events);
    expect(text).toContain('legal-hold');
    expect(text).not.toContain('tvist om faktura');
    expect(text).toContain(POLICY_BASE_VERSION);
    expect(text).not.toContain('YmluYXJ5L2VuY3J5cHRlZA');
  });

  it('still lists a request whose outcome was never recorded (the API died in between)', async () => {
    const { userId, workflowId } = await quarantinedUser(api);
    await projected(api, workflowId, (r) => r.phase === 'QUARANTINED');
    await appendAdminAction(api.db, api.ledger, {
      actorRole: 'admin',
      actorName: 'kari.n',
      action: 'erasure',
      workflowId,
      subjectKind: 'user',
      subjectId: userId,
      reason: 'krav om sletting',
      outcome: 'requested',
      detail: null,
    });
    const page = await request(api.app).get(`/api/admin/lifecycles/${workflowId}`).set(AUDITOR).expect(200);
    expect(page.body.adminActions).toEqual([expect.objectContaining({ action: 'erasure', actorName: 'kari.n', outcome: 'requested' })]);
  });

  it('refuses a release that is not on hold with 409 and records the refusal', async () => {
    const { workflowId } = await quarantinedUser(api);
    await projected(api, workflowId, (r) => r.phase === 'QUARANTINED');
    const res = await act(workflowId, 'release', { reasonCode: 'legal-hold-ended' }).expect(409);
    expect(res.body.error).toMatch(/not on hold/);
    const page = await request(api.app).get(`/api/admin/lifecycles/${workflowId}`).set(AUDITOR).expect(200);
    expect(page.body.adminActions[0]).toMatchObject({ action: 'release', outcome: 'refused' });
  });

  it('cancels only with a reason; the list then says cancelled and Temporal agrees', async () => {
    const { workflowId } = await quarantinedUser(api);
    await projected(api, workflowId, (r) => r.phase === 'QUARANTINED');
    expect((await act(workflowId, 'cancel', {}).expect(400)).body.fields[0].field).toBe('reasonCode');
    expect((await act(workflowId, 'cancel', { reasonCode: 'started-in-error', note: '   ' }).expect(400)).body.fields[0].field).toBe(
      'note',
    );
    expect((await act(workflowId, 'cancel', { reason: 'registrert ved feil' }).expect(400)).body.fields[0].field).toBe('reason');
    await act(workflowId, 'cancel', { reasonCode: 'started-in-error', note: 'registrert ved feil' }).expect(200);
    const page = await projected(api, workflowId, (r) => r.status === 'cancelled');
    expect((await request(api.app).get(`/api/admin/lifecycles/${workflowId}/live`).set(AUDITOR)).body.temporalStatus).toBe('CANCELLED');
    expect(page.adminActions).toEqual([expect.objectContaining({ action: 'cancel', reason: 'started-in-error', outcome: 'accepted' })]);
    // A cancelled lifecycle has no rule in force.
    expect(page).toMatchObject({ rule: null, noRule: 'cancelled' });
    expect((await act(workflowId, 'cancel', { reasonCode: 'duplicate-lifecycle' }).expect(409)).body.error).toMatch(/cancelled/);
    const history = await request(api.app).get(`/api/admin/lifecycles/${workflowId}/history`).set(AUDITOR).expect(200);
    expect(history.body.timeline.map((e: { event: string }) => e.event)).toEqual(
      expect.arrayContaining(['lifecycle.cancelRequested', 'lifecycle.cancelled']),
    );
    expect(history.body.adminActions[0]).toMatchObject({ action: 'cancel', reason: 'started-in-error' });
  });

  it("names the admin who asked for an erasure in the purge's evidence record", async () => {
    const { userId, workflowId } = await quarantinedUser(api);
    await projected(api, workflowId, (r) => r.phase === 'QUARANTINED');
    await act(workflowId, 'erasure', { reasonCode: 'gdpr-art17-request', note: 'den registrerte ba om sletting' }).expect(200);
    await expect.poll(() => api.db.evidence.count({ where: { subjectId: userId, action: 'purge' } }), { timeout: 30_000 }).toBe(1);
    const evidence = await api.db.evidence.findFirstOrThrow({ where: { subjectId: userId, action: 'purge' } });
    const request = await api.db.adminAction.findFirstOrThrow({ where: { workflowId, action: 'erasure', outcome: 'requested' } });
    expect(evidence.rule).toBe('user.erasure');
    expect((evidence.detail as { requestedBy?: unknown }).requestedBy).toEqual({
      adminActionId: request.id,
      role: 'admin',
      name: TEST_TOKEN_NAMES.admin,
    });
  });

  it('answers 404 for the history of a listed lifecycle whose workflow Temporal no longer has', async () => {
    // A list row outliving its workflow: Temporal's retention removed it, or it never started.
    const workflowId = `user-lifecycle-gone-${Date.now()}`;
    await writeProjection(api.db, {
      workflowId,
      runId: null,
      kind: 'user',
      subjectId: workflowId.replace('user-lifecycle-', ''),
      customerId: null,
      phase: 'PURGED',
      status: 'completed',
      dueAt: null,
      onHold: false,
      policyVersion: 'nitd-2026.1',
      version: 1,
    });
    for (const path of ['history', 'history/raw']) {
      const res = await request(api.app).get(`/api/admin/lifecycles/${workflowId}/${path}`).set(AUDITOR).expect(404);
      expect(res.body.error).toMatch(/Temporal has no workflow user-lifecycle-gone-/);
    }
  });

  it('tells the console who is signed in', async () => {
    await request(api.app).get('/api/admin/whoami').expect(401);
    await request(api.app).get('/api/admin/whoami').set(ADMIN).expect(200, { id: 'admin:test-admin', role: 'admin', name: 'test-admin' });
    await request(api.app)
      .get('/api/admin/whoami')
      .set(AUDITOR)
      .expect(200, { id: 'auditor:test-auditor', role: 'auditor', name: 'test-auditor' });
  });

  it('counts lifecycles by kind and phase and the purges due per week on the dashboard', async () => {
    const { workflowId } = await quarantinedUser(api);
    await projected(api, workflowId, (r) => r.phase === 'QUARANTINED');
    const res = await request(api.app).get('/api/admin/dashboard').set(AUDITOR).expect(200);
    expect(res.body.counts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'user', phase: 'QUARANTINED', status: 'running', count: expect.any(Number) }),
      ]),
    );
    expect(res.body.weeks).toHaveLength(12);
    // ISO weeks, Monday 00:00 in Oslo: the week holding the due date counts it.
    const due = Date.parse((await request(api.app).get(`/api/admin/lifecycles/${workflowId}`).set(AUDITOR)).body.dueAt);
    const week = res.body.weeks.find((w: { start: string; end: string }) => Date.parse(w.start) <= due && due < Date.parse(w.end));
    expect(week.due.user).toBeGreaterThanOrEqual(1);
    expect(
      new Date(week.start).toLocaleString('en-GB', { timeZone: 'Europe/Oslo', weekday: 'long', hour: '2-digit', minute: '2-digit' }),
    ).toBe('Monday 00:00');
    const checks = await request(api.app).get('/api/admin/dashboard/checks').set(AUDITOR).expect(200);
    expect(checks.body.temporalStatus).toBe('ok');
    expect(Array.isArray(checks.body.problems)).toBe(true);
    expect(checks.body.notScheduled).toHaveLength(12);
  });
});
