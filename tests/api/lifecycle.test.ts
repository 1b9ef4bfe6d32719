// Lifecycle routes where the API answers without a worker: unknown users, users whose lifecycle
// workflow could not be started at provisioning (written straight into the table here, as a
// provisioning that found Temporal down leaves them), and a queue no worker polls. Workflow
// behaviour is tested elsewhere.
import pino from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { seedUser, uniqueId } from '../support/subjects';
import { SERVICE, useApp } from '../support/harness';
import { provisionUser } from '../support/http';

const api = useApp();

const actions: Array<{ method: 'get' | 'post'; path: string; body?: object }> = [
  { method: 'post', path: 'termination', body: {} },
  { method: 'post', path: 'restore' },
  { method: 'post', path: 'erasure', body: { reasonCode: 'gdpr-art17-request', note: 'art. 17 request' } },
  { method: 'post', path: 'hold', body: { reasonCode: 'legal-hold', note: 'litigation' } },
  { method: 'post', path: 'release', body: { reasonCode: 'legal-hold-ended', note: 'litigation over' } },
  { method: 'get', path: 'lifecycle' },
];

describe('lifecycle routes', () => {
  it.each(actions)('$method …/$path answers 404 for an unknown user', async ({ method, path, body }) => {
    const userId = uniqueId('ghost');
    const call = request(api.app)[method](`/api/v1/users/${userId}/${path}`).set(SERVICE);
    const res = await (body ? call.send(body) : call).expect(404);
    expect(res.body).toEqual({ error: `user ${userId} not found` });
  });

  it('reports an active user whose lifecycle was never started', async () => {
    const { userId, customerId } = await seedUser(api.db);
    const res = await request(api.app).get(`/api/v1/users/${userId}/lifecycle`).set(SERVICE).expect(200);
    expect(res.body).toMatchObject({ workflowId: null, userId, customerId, phase: 'ACTIVE', purgeDueAt: null, hold: null });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it.each(['restore', 'release'])('answers 409 to %s when no lifecycle is running', async (action) => {
    const { userId } = await seedUser(api.db);
    const res = await request(api.app)
      .post(`/api/v1/users/${userId}/${action}`)
      .set(SERVICE)
      .send({ reasonCode: 'started-in-error' })
      .expect(409);
    expect(res.body.error).toMatch(/no lifecycle is running/);
  });

  it('answers 409 to actions on a purged user, and reports the purge', async () => {
    const userId = uniqueId('user');
    await api.db.userAccount.create({ data: { id: userId, status: 'purged', purgedAt: new Date() } });
    await request(api.app)
      .post(`/api/v1/users/${userId}/hold`)
      .set(SERVICE)
      .send({ reasonCode: 'legal-hold', note: 'too late' })
      .expect(409);
    await request(api.app).post(`/api/v1/users/${userId}/restore`).set(SERVICE).expect(409);
    const res = await request(api.app).get(`/api/v1/users/${userId}/lifecycle`).set(SERVICE).expect(200);
    expect(res.body).toMatchObject({ userId, phase: 'PURGED' });
  });
});

describe('without a worker', () => {
  it('answers 503 instead of hanging when no worker takes the update', async () => {
    // The harness's task queue has no worker: the lifecycle starts, but nobody runs it.
    const app = createApp({ ...api, logger: pino({ level: 'silent' }), lifecycleTimeoutMs: 1500 });
    const { userId } = await provisionUser(api);
    const started = Date.now();
    const res = await request(app).post(`/api/v1/users/${userId}/termination`).set(SERVICE).send({}).expect(503);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(res.body).toEqual({ error: expect.stringMatching(/worker/) });
    await request(app).get(`/api/v1/users/${userId}/lifecycle`).set(SERVICE).expect(503);
  });
});
