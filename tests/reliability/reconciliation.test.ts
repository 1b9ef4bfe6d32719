// Reconciliation on the dev server with a real worker: a deactivated user whose termination event
// was missed gets a lifecycle backdated to the deactivation; a running lifecycle whose user vanished
// is flagged; a second run starts nothing; runs are listed at /api/admin/reconciliation; the
// schedule is created once and updated after.
import type { Client } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import pino from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { createUserLifecycleClient } from '../../api/users/lifecycleClient';
import { loadConfig, type AppConfig } from '../../config/env';
import { createDb, type Db } from '../../db/client';
import { createTemporalClient } from '../../temporal/client';
import { ensureReconciliationSchedule, RECONCILIATION_SCHEDULE_ID } from '../../temporal/reconciliationSchedule';
import { createWorker } from '../../worker/createWorker';
import { reconciliationWorkflow } from '../../workflows/reconciliation';
import { stateQuery, terminateUpdate, userWorkflowId } from '../../workflows/userLifecycleApi';
import { testTemporalAddress } from '../support/env';
import { seedUser, uniqueId } from '../support/subjects';
import { quietRuntime } from '../support/temporal';
import { isolatedDatabaseWith } from './isolated';

let db: Db;
let temporal: Client;
let worker: Worker;
let running: Promise<void>;
let connection: NativeConnection;
let config: AppConfig;

beforeAll(async () => {
  quietRuntime();
  // A database of its own: reconciliation scans every user, not just this file's.
  const { url, queue } = await isolatedDatabaseWith('reconcile');
  config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, TEMPORAL_ADDRESS: testTemporalAddress(), TEMPORAL_TASK_QUEUE: queue, API_TOKENS: 'auditor:rec-auditor,service:rec-service' });
  db = createDb(url);
  temporal = await createTemporalClient(config);
  connection = await NativeConnection.connect({ address: testTemporalAddress() });
  worker = await createWorker({ connection, namespace: 'default', taskQueue: queue, payloadKeys: config.payloadKeys, db, temporal });
  running = worker.run();
});

afterAll(async () => {
  await temporal?.schedule.getHandle(RECONCILIATION_SCHEDULE_ID).delete().catch(() => {});
  worker?.shutdown();
  await running?.catch(() => {});
  await connection?.close();
  await temporal?.connection.close();
  await db?.$disconnect();
});

const reconcile = () =>
  temporal.workflow.execute(reconciliationWorkflow, { taskQueue: config.temporal.taskQueue, workflowId: uniqueId('reconcile'), args: [{ policy: config.policy }] });

describe('reconciliation', () => {
  it('starts missed lifecycles backdated, flags orphans, and is idempotent', async () => {
    const lifecycles = createUserLifecycleClient({ temporal, taskQueue: config.temporal.taskQueue, policy: config.policy });
    const deactivatedAt = new Date(Date.now() - 4 * 86_400_000);
    // Missed: deactivated in the user system, the termination never reached us.
    const missed = await seedUser(db);
    await db.userAccount.update({ where: { id: missed.userId }, data: { status: 'deactivated', deactivatedAt } });
    // Fine: terminated through the API, lifecycle running.
    const fine = await seedUser(db);
    await lifecycles.updateWithStart(fine.userId, fine.customerId, terminateUpdate, { terminatedAt: new Date().toISOString() });
    // Orphan: a running lifecycle whose account was deleted behind the pipeline's back.
    const orphan = await seedUser(db);
    await lifecycles.ensureStarted(orphan.userId, orphan.customerId);
    await expect.poll(() => db.lifecycleProjection.count({ where: { subjectId: orphan.userId } }), { timeout: 30_000 }).toBe(1);
    await db.supportCase.deleteMany({ where: { requesterId: orphan.userId } });
    await db.loginFactor.deleteMany({ where: { userId: orphan.userId } });
    await db.userAccount.delete({ where: { id: orphan.userId } });

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
    const app = createApp({ db, temporal, config, logger: pino({ level: 'silent' }) });
    const res = await request(app).get('/api/admin/reconciliation').set('Authorization', 'Bearer rec-auditor').expect(200);
    expect(res.headers['content-range']).toBe('reconciliation 0-1/2');
    expect(res.body.map((r: { lifecyclesStarted: number }) => r.lifecyclesStarted)).toEqual([0, 1]);
    for (const value of Object.values(missed.personal)) expect(JSON.stringify(res.body)).not.toContain(value);
    await request(app).get('/api/admin/reconciliation').set('Authorization', 'Bearer rec-service').expect(403);
  });

  it('creates the daily schedule once and updates it after', async () => {
    await temporal.schedule.getHandle(RECONCILIATION_SCHEDULE_ID).delete().catch(() => {});
    expect(await ensureReconciliationSchedule(temporal, { taskQueue: config.temporal.taskQueue, policy: config.policy })).toBe('created');
    expect(await ensureReconciliationSchedule(temporal, { taskQueue: config.temporal.taskQueue, policy: config.policy, every: '12 hours' })).toBe('updated');
    const schedule = await temporal.schedule.getHandle(RECONCILIATION_SCHEDULE_ID).describe();
    expect(schedule.spec.intervals?.[0]?.every).toBe(12 * 3_600_000);
    expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'reconciliationWorkflow', taskQueue: config.temporal.taskQueue });
  });
});
