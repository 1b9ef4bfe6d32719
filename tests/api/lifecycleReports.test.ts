// The lifecycle answers as the service API really sends them, checked against the OpenAPI
// document's own schemas (strict: no undocumented field, every required one there). The types are
// checked to be the same at compile time (lifecycles/*/schemas.ts); this catches what only a
// running workflow shows: a field the view adds, or one the document forgets.
import Ajv2020 from 'ajv/dist/2020';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { SERVICE, useApp } from '../support/harness';
import { provisionUser } from '../support/http';

const api = useApp({
  worker: true,
  prefix: 'reports',
  env: { RETENTION_USER_QUARANTINE: 'PT1S', RETENTION_CRM_ANONYMISE: 'PT1H', RETENTION_ERP_MAX: 'PT2H' },
});
let check: (schema: string, body: unknown) => void;

beforeAll(async () => {
  const doc = (await request(api.app).get('/api/v1/openapi.json').expect(200)).body;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  for (const [name, s] of Object.entries(doc.components.schemas)) ajv.addSchema(s as object, `#/components/schemas/${name}`);
  check = (schema, body) => {
    const validate = ajv.getSchema(`#/components/schemas/${schema}`)!;
    expect(validate(body), `${schema}: ${JSON.stringify(validate.errors)}\n${JSON.stringify(body)}`).toBe(true);
  };
});

const get = async (path: string) => (await request(api.app).get(path).set(SERVICE).expect(200)).body;

describe('lifecycle answers match the documented schemas', () => {
  it('for a user: before any lifecycle, quarantined, and purged', async () => {
    const { userId } = await provisionUser(api);
    check('LifecycleReport', await get(`/api/v1/users/${userId}/lifecycle`));
    const terminated = await request(api.app)
      .post(`/api/v1/users/${userId}/termination`)
      .set(SERVICE)
      .send({ reasonCode: 'employee-left', note: 'sluttet' })
      .expect(202);
    expect(terminated.body.phase).toBe('QUARANTINED');
    check('LifecycleReport', terminated.body);
    await api.temporal.workflow.getHandle(terminated.body.workflowId).result();
    const purged = await get(`/api/v1/users/${userId}/lifecycle`);
    expect(purged.phase).toBe('PURGED');
    check('LifecycleReport', purged);
  });

  it('for a customer: active, and ended with its cascade and events', async () => {
    const { customerId } = await provisionUser(api);
    check('CustomerLifecycleReport', await get(`/api/v1/customers/${customerId}/lifecycle`));
    const ended = await request(api.app)
      .post(`/api/v1/customers/${customerId}/termination`)
      .set(SERVICE)
      .send({ reasonCode: 'customer-ended', note: 'avtale sagt opp' })
      .expect(202);
    expect(ended.body.phase).toBe('ENDED');
    check('CustomerLifecycleReport', ended.body);
    await expect.poll(async () => (await get(`/api/v1/customers/${customerId}/lifecycle`)).cascade?.done, { timeout: 20_000 }).toBe(true);
    check('CustomerLifecycleReport', await get(`/api/v1/customers/${customerId}/lifecycle`));
  });
});
