// Subjects made the way calling services make them, over the service API, and the console's list
// query string: what HTTP-level tests share.
import { fakerNB_NO as faker } from '@faker-js/faker';
import request from 'supertest';
import { SERVICE, ADMIN, type TestApp } from './harness';
import { newUserBody, uniqueId, type SeededUser } from './subjects';

/** A customer and a user provisioned through the API, as a calling service would. */
export async function provisionUser(api: Pick<TestApp, 'app'>): Promise<SeededUser & { body: ReturnType<typeof newUserBody> }> {
  const customerId = uniqueId('cust');
  const userId = uniqueId('user');
  await request(api.app)
    .put(`/api/v1/customers/${customerId}`)
    .set(SERVICE)
    .send({ type: 'business', name: faker.company.name() })
    .expect(201);
  const body = newUserBody(customerId);
  await request(api.app).put(`/api/v1/users/${userId}`).set(SERVICE).send(body).expect(201);
  const { customerId: _, ...personal } = body;
  return { userId, customerId, personal, body };
}

/** A provisioned user terminated through the service API: a real, quarantined lifecycle (with a worker). */
export async function quarantinedUser(api: Pick<TestApp, 'app'>): Promise<{ userId: string; customerId: string; workflowId: string }> {
  const { userId, customerId } = await provisionUser(api);
  const res = await request(api.app)
    .post(`/api/v1/users/${userId}/termination`)
    .set(SERVICE)
    .send({ reasonCode: 'employee-left', note: 'sluttet' })
    .expect(202);
  return { userId, customerId, workflowId: res.body.workflowId };
}

/** Waits until the console's view of a lifecycle satisfies `ok` (the projection lands right after an update). */
export async function projected(
  api: Pick<TestApp, 'app'>,
  workflowId: string,
  ok: (r: Record<string, unknown>) => boolean,
  timeoutMs = 20_000,
) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await request(api.app).get(`/api/admin/lifecycles/${workflowId}`).set(ADMIN);
    if (res.status === 200 && ok(res.body)) return res.body as Record<string, unknown>;
    if (Date.now() > until) throw new Error(`projection of ${workflowId} never matched: ${res.status} ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** react-admin's list query string: every value JSON, URL-encoded. */
export const q = (params: Record<string, unknown>) =>
  Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`)
    .join('&');
