// The dashboard's "failing or stuck" panel names a lifecycle whose post-purge verification failed
// (personal data found again after the purge), from Temporal visibility, with no personal data.
import { NativeConnection, Worker } from '@temporalio/worker';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../worker/activities';
import { testTemporalAddress } from '../support/env';
import { workflowBundle } from '../support/temporal';
import { ADMIN, AUDITOR, SERVICE, useApp } from '../support/harness';
import { provisionUser } from '../support/http';

const api = useApp();
let worker: Worker;
let running: Promise<void>;
let connection: NativeConnection;

beforeAll(async () => {
  const bundle = await workflowBundle();
  connection = await NativeConnection.connect({ address: testTemporalAddress() });
  const real = createActivities({ db: api.db, temporal: api.temporal, ledger: api.ledger });
  worker = await Worker.create({
    connection,
    taskQueue: api.config.temporal.taskQueue,
    workflowBundle: bundle,
    dataConverter: api.temporal.options.dataConverter,
    activities: {
      ...real,
      // A late import links a support case to the user again right after the purge commits.
      async purgeUser(input: Parameters<typeof real.purgeUser>[0]) {
        const outcome = await real.purgeUser(input);
        await api.db.supportCase.create({
          data: {
            requesterId: input.userId,
            requesterName: 'Kari Nordmann',
            subject: 'Import',
            description: 'Sen import',
            category: 'import',
          },
        });
        return outcome;
      },
    },
  });
  running = worker.run();
});

afterAll(async () => {
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await running;
  await connection?.close();
});

describe('dashboard', () => {
  it('lists a lifecycle held open by a failed post-purge verification', async () => {
    const { userId } = await provisionUser(api);
    const erased = await request(api.app)
      .post(`/api/v1/users/${userId}/erasure`)
      .set(SERVICE)
      .send({ reasonCode: 'gdpr-art17-request', note: 'art. 17' })
      .expect(202);
    const workflowId = erased.body.workflowId as string;
    let problem: Record<string, unknown> | undefined;
    for (let i = 0; i < 100 && !problem; i++) {
      const res = await request(api.app).get('/api/admin/dashboard/checks').set(AUDITOR).expect(200);
      problem = (res.body.problems as Record<string, unknown>[]).find((p) => p.workflowId === workflowId);
      if (!problem) await new Promise((r) => setTimeout(r, 200));
    }
    expect(problem).toMatchObject({
      kind: 'user',
      subjectId: userId,
      phase: 'PURGED',
      problem: 'verification-failed',
    });
    expect(JSON.stringify(problem)).not.toContain('Nordmann');
    // The lifecycle stays open; stop it so it does not re-check hourly in the shared dev server.
    await request(api.app)
      .post(`/api/admin/lifecycles/${workflowId}/cancel`)
      .set(ADMIN)
      .send({ reasonCode: 'started-in-error', note: 'test ferdig' })
      .expect(200);
  });
});
