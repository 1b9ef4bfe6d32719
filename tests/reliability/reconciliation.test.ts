// Reconciliation on the dev server with a real worker: a deactivated user whose termination event
// was missed gets a lifecycle backdated to the deactivation; a running lifecycle whose user vanished
// is flagged (a prospect's too); a contact's, prospect's and outside requester's case's missing
// lifecycle is started; a second run starts nothing; runs are listed at /api/admin/reconciliation;
// an admin starts one from the console's API, audited, and reads its findings by subject ID; the
// schedule is created once and updated after.
import type { Client } from '@temporalio/client';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLifecycleClient } from '../../lifecycles/client';
import { userKind } from '../../lifecycles/user/kind';
import type { AppConfig } from '../../config/env';
import type { Db } from '../../db/client';
import { ensureReconciliationSchedule, RECONCILIATION_SCHEDULE_ID } from '../../jobs/reconciliation/schedule';
import { reconciliationWorkflow } from '../../jobs/reconciliation/workflow';
import { stateQuery, terminateUpdate, userWorkflowId } from '../../lifecycles/user/contract';
import { createContactService } from '../../lifecycles/contact/service';
import { contactStateQuery, contactWorkflowId } from '../../lifecycles/contact/contract';
import { prospectStateQuery, prospectWorkflowId } from '../../lifecycles/prospect/contract';
import { caseStateQuery, supportCaseWorkflowId } from '../../lifecycles/supportCase/contract';
import { seedContact } from '../support/contacts';
import { seedCustomer, uniqueId } from '../support/subjects';
import { ADMIN, AUDITOR, SERVICE, useApp } from '../support/harness';
import { missedTermination, orphanedLifecycle, provisioned, unmanagedProspectAndCases } from './reconciliationSubjects';

// A database of its own: reconciliation scans every user, not just this file's.
const stack = useApp({ worker: true, isolatedDb: true, prefix: 'reconcile' });
let db: Db;
let temporal: Client;
let config: AppConfig;

beforeAll(() => {
  ({ db, temporal, config } = stack);
});

afterAll(async () => {
  await temporal?.schedule
    .getHandle(RECONCILIATION_SCHEDULE_ID)
    .delete()
    .catch(() => {});
});

const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));

const reconcile = () =>
  temporal.workflow.execute(reconciliationWorkflow, {
    taskQueue: config.temporal.taskQueue,
    workflowId: uniqueId('reconcile'),
    args: [{ policy: config.policy }],
  });

describe('reconciliation', () => {
  it('starts missed lifecycles backdated, flags orphans, and is idempotent', async () => {
    const lifecycles = createLifecycleClient(userKind, { temporal, taskQueue: config.temporal.taskQueue, policy: config.policy });
    const deactivatedAt = new Date(Date.now() - 4 * 86_400_000);
    const missed = await missedTermination(db, temporal, config, deactivatedAt);
    // Fine: terminated through the API, lifecycle running.
    const fine = await provisioned(db, temporal, config);
    await lifecycles.updateWithStart(fine.userId, fine.customerId, terminateUpdate, { terminatedAt: new Date().toISOString() });
    const orphan = await orphanedLifecycle(db, temporal, config);

    const first = await reconcile();
    expect(first.lifecyclesStarted).toBe(1);
    expect(first.startedWorkflowIds).toEqual([userWorkflowId(missed.userId)]);
    expect(first.orphanedWorkflowIds).toEqual([userWorkflowId(orphan.userId)]);
    const view = await temporal.workflow.getHandle(userWorkflowId(missed.userId)).query(stateQuery);
    expect(view.phase).toBe('QUARANTINED');
    expect(view.terminatedAt).toBe(deactivatedAt.toISOString());

    const second = await reconcile();
    expect(second.lifecyclesStarted).toBe(0);
    expect(second.orphanedWorkflowIds).toEqual([userWorkflowId(orphan.userId)]);

    // Visible to auditors, newest first, without personal data.
    const { app } = stack;
    const res = await request(app).get('/api/admin/reconciliation').set(AUDITOR).expect(200);
    expect(res.headers['content-range']).toBe('reconciliation 0-1/2');
    expect(res.body.map((r: { lifecyclesStarted: number }) => r.lifecyclesStarted)).toEqual([0, 1]);
    for (const value of Object.values(missed.personal)) expect(JSON.stringify(res.body)).not.toContain(value);
    await request(app).get('/api/admin/reconciliation').set(SERVICE).expect(403);
  });

  it("terminates, as of the departure, a contact's lifecycle that never heard of it", async () => {
    // A hold started the contact's lifecycle (ACTIVE); the CRM wrote the departure but the event was lost.
    const customerId = await seedCustomer(db);
    const c = await seedContact(db, customerId);
    const contacts = createContactService(db, { temporal, taskQueue: config.temporal.taskQueue, policy: config.policy });
    await contacts.hold(c.contactId, 'revisjon');
    const departedAt = new Date(Date.now() - 2 * 86_400_000);
    await db.contactPerson.update({ where: { id: c.contactId }, data: { departedAt, departureReason: 'left-company' } });

    const run = await reconcile();
    expect(run.startedWorkflowIds).toContain(contactWorkflowId(c.contactId));
    const view = await temporal.workflow.getHandle(contactWorkflowId(c.contactId)).query(contactStateQuery);
    expect(view).toMatchObject({ phase: 'DEPARTED', departedAt: departedAt.toISOString(), hold: { reason: 'revisjon' } });
    expect((await reconcile()).startedWorkflowIds).not.toContain(contactWorkflowId(c.contactId));
  });

  it("starts a prospect's and outside requesters' cases' missing lifecycles, a closed case's as of its closure, and flags a vanished prospect", async () => {
    const { prospectId, openCaseId, closedCaseId, closedAt } = await unmanagedProspectAndCases(db);
    const ids = [prospectWorkflowId(prospectId), supportCaseWorkflowId(openCaseId), supportCaseWorkflowId(closedCaseId)];

    const run = await reconcile();
    expect(run.startedWorkflowIds).toEqual(expect.arrayContaining(ids));
    expect((await temporal.workflow.getHandle(ids[0]!).query(prospectStateQuery)).phase).toBe('ACTIVE');
    expect((await temporal.workflow.getHandle(ids[1]!).query(caseStateQuery)).phase).toBe('OPEN');
    const closed = await temporal.workflow.getHandle(ids[2]!).query(caseStateQuery);
    expect(closed).toMatchObject({ phase: 'CLOSED', closedAt: closedAt.toISOString() });
    const again = await reconcile();
    expect(again.startedWorkflowIds.filter((id) => ids.includes(id))).toEqual([]);

    // The prospect's row deleted behind the pipeline's back: its running lifecycle is an orphan.
    await expect.poll(() => db.lifecycleProjection.count({ where: { workflowId: ids[0] } }), { timeout: 30_000 }).toBe(1);
    await db.prospect.delete({ where: { id: prospectId } });
    expect((await reconcile()).orphanedWorkflowIds).toContain(ids[0]);
  });

  it('runs now for an admin, audited, and shows the run and its findings by subject ID only', async () => {
    const { app } = stack;
    const [admin, auditor] = [ADMIN, AUDITOR];
    // A run of its own started by this file (trigger "other") before the admin's, whatever ran before.
    await reconcile();
    const before = await db.reconciliationRun.count();
    const missed = await missedTermination(db, temporal, config, new Date(Date.now() - 86_400_000));

    await request(app).post('/api/admin/reconciliation/run').set(auditor).send({}).expect(403);
    // A run is about nobody in particular: a code, but no note (it would be nobody's data to delete).
    const refused = await request(app)
      .post('/api/admin/reconciliation/run')
      .set(admin)
      .send({ reasonCode: 'routine-check', note: `ring ${missed.personal.phone}` })
      .expect(400);
    expect(refused.body.fields[0].field).toBe('note');
    const started = await request(app).post('/api/admin/reconciliation/run').set(admin).send({ reasonCode: 'routine-check' }).expect(202);
    expect(started.body).toMatchObject({ outcome: 'accepted', workflowId: expect.stringContaining('nitd-reconciliation-manual') });
    await expect.poll(() => db.reconciliationRun.count({ where: { runId: started.body.runId } }), { timeout: 30_000 }).toBe(1);
    expect(
      await db.adminAction.findMany({
        where: { action: 'reconcile' },
        select: { actorRole: true, actorName: true, outcome: true, reason: true, detail: true },
      }),
    ).toEqual([{ actorRole: 'admin', actorName: 'test-admin', outcome: 'accepted', reason: 'routine-check', detail: started.body.runId }]);

    // The list: newest first, a page at a time, by IDs (react-admin's getMany), bad parameters named.
    const total = before + 1;
    const list = await request(app).get('/api/admin/reconciliation').set(auditor).expect(200);
    expect(list.headers['content-range']).toBe(`reconciliation 0-${Math.min(total, 25) - 1}/${total}`);
    expect(list.headers['access-control-expose-headers']).toBe('Content-Range');
    const run = list.body[0];
    expect(run).toMatchObject({
      runId: started.body.runId,
      trigger: 'manual',
      lifecyclesStarted: 1,
      orphansFlagged: run.orphanedWorkflowIds.length,
    });
    expect(list.body[1].trigger).toBe('other'); // this file's own run, started above with its own workflow ID
    // Oldest first, the admin's run is the last one.
    const page = await request(app)
      .get(`/api/admin/reconciliation?sort=${enc(['finishedAt', 'ASC'])}&range=${enc([total - 1, total])}`)
      .set(auditor)
      .expect(200);
    expect(page.headers['content-range']).toBe(`reconciliation ${total - 1}-${total - 1}/${total}`);
    expect(page.body[0].id).toBe(run.id);
    const byId = await request(app)
      .get(`/api/admin/reconciliation?filter=${enc({ id: [run.id] })}`)
      .set(auditor)
      .expect(200);
    expect(byId.body.map((r: { id: string }) => r.id)).toEqual([run.id]);
    expect(
      (
        await request(app)
          .get(`/api/admin/reconciliation?sort=${enc(['subjectId', 'ASC'])}`)
          .set(auditor)
          .expect(400)
      ).body.fields[0].field,
    ).toBe('sort');
    expect(
      (
        await request(app)
          .get(`/api/admin/reconciliation?filter=${enc({ subjectId: 'x' })}`)
          .set(auditor)
          .expect(400)
      ).body.fields[0].field,
    ).toBe('filter');

    // One run: who asked and why, and each finding by opaque subject ID with its lifecycle.
    const show = await request(app).get(`/api/admin/reconciliation/${run.id}`).set(auditor).expect(200);
    expect(show.body.requestedBy).toMatchObject({ actorRole: 'admin', reason: 'routine-check' });
    expect(show.body.findings).toContainEqual(
      expect.objectContaining({
        finding: 'lifecycle-started',
        subjectKind: 'user',
        subjectId: missed.userId,
        workflowId: userWorkflowId(missed.userId),
      }),
    );
    expect(show.body.findings.filter((f: { finding: string }) => f.finding === 'orphan-flagged')).toHaveLength(run.orphansFlagged);
    for (const value of Object.values(missed.personal)) expect(JSON.stringify([list.body, show.body])).not.toContain(value);
    await request(app).get('/api/admin/reconciliation/no-such-run').set(auditor).expect(404);
  });

  it('creates the daily schedule once and updates it after', async () => {
    await temporal.schedule
      .getHandle(RECONCILIATION_SCHEDULE_ID)
      .delete()
      .catch(() => {});
    expect(await ensureReconciliationSchedule(temporal, { taskQueue: config.temporal.taskQueue, policy: config.policy })).toBe('created');
    expect(
      await ensureReconciliationSchedule(temporal, { taskQueue: config.temporal.taskQueue, policy: config.policy, every: '12 hours' }),
    ).toBe('updated');
    const schedule = await temporal.schedule.getHandle(RECONCILIATION_SCHEDULE_ID).describe();
    expect(schedule.spec.intervals?.[0]?.every).toBe(12 * 3_600_000);
    expect(schedule.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'reconciliationWorkflow',
      taskQueue: config.temporal.taskQueue,
    });
  });
});
