// A customer's contact persons through the service API, on the shared Postgres and Temporal dev
// server with a real worker, with seconds for years (RETENTION_CONTACT=PT4S): provisioning under the
// customer, the departure and its refusals (400 naming the field, 404, 409), the lifecycle while it
// runs and from the ledger once anonymised, and what the anonymisation leaves behind.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { contactWorkflowId } from '../../lifecycles/contact/contract';
import { contactBody, contactTraces, contactValuesIn, seedContactRecords } from '../support/contacts';
import { readableHistory } from '../support/history';
import { SERVICE, useApp } from '../support/harness';
import { seedCustomer, uniqueId } from '../support/subjects';

const api = useApp({ worker: true, prefix: 'api-contacts', env: { RETENTION_CONTACT: 'PT4S' } });

const contactPath = (customerId: string, contactId: string) => `/api/v1/customers/${customerId}/contacts/${contactId}`;
const put = (customerId: string, contactId: string, body: object) =>
  request(api.app).put(contactPath(customerId, contactId)).set(SERVICE).send(body);
const depart = (customerId: string, contactId: string, body: object) =>
  request(api.app)
    .post(`${contactPath(customerId, contactId)}/departure`)
    .set(SERVICE)
    .send(body);
const lifecycle = async (customerId: string, contactId: string) =>
  (
    await request(api.app)
      .get(`${contactPath(customerId, contactId)}/lifecycle`)
      .set(SERVICE)
      .expect(200)
  ).body;

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A customer with one contact provisioned through the API. */
async function provisioned() {
  const customerId = await seedCustomer(api.db);
  const contactId = uniqueId('contact');
  const body = contactBody();
  await put(customerId, contactId, body).expect(201);
  return { customerId, contactId, body };
}

describe('PUT /api/v1/customers/{customerId}/contacts/{contactId}', () => {
  it('creates (201), then updates (200) and clears absent optional fields', async () => {
    const { customerId, contactId, body } = await provisioned();
    expect(await api.db.contactPerson.findUniqueOrThrow({ where: { id: contactId } })).toMatchObject({
      customerId,
      firstName: body.firstName,
      email: body.email,
      phone: body.phone.replace(/ /g, ''),
      role: 'IT-ansvarlig',
    });
    // An edit is a use of the contact: the 5-year ageing (crm.ageing) counts from lastTouchedAt, so
    // the PUT moves it. Backdated here, so the move shows whatever the clock's resolution.
    const longAgo = new Date(Date.UTC(2021, 0, 4));
    await api.db.contactPerson.update({ where: { id: contactId }, data: { lastTouchedAt: longAgo } });
    const before = Date.now();
    const updated = await put(customerId, contactId, { firstName: 'Kari', lastName: 'Nordmann' }).expect(200);
    expect(updated.body).toEqual({ id: contactId, status: 'active', lifecycleStarted: false });
    const row = await api.db.contactPerson.findUniqueOrThrow({ where: { id: contactId } });
    expect(row).toMatchObject({ firstName: 'Kari', email: null, phone: null, role: null });
    expect(row.lastTouchedAt.getTime()).toBeGreaterThanOrEqual(before - 1_000);
  });

  it('names the field at fault (400), refuses an unknown customer (404) and a contact of another customer (409)', async () => {
    const { contactId } = await provisioned();
    const otherCustomer = await seedCustomer(api.db);
    const bad = await put(otherCustomer, uniqueId('contact'), { firstName: 'Kari', email: 'ikke-epost' }).expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['email', 'lastName']);
    await put('no-such-customer', uniqueId('contact'), contactBody()).expect(404);
    const taken = await put(otherCustomer, contactId, contactBody()).expect(409);
    expect(taken.body.error).toMatch(/another customer/);
  });

  it("refuses a contact under a customer whose relationship has ended (409): the customer's lifecycle covers its contacts", async () => {
    const { customerId, contactId } = await provisioned();
    await request(api.app).post(`/api/v1/customers/${customerId}/termination`).set(SERVICE).send({}).expect(202);
    const res = await put(customerId, uniqueId('contact'), contactBody()).expect(409);
    expect(res.body.error).toMatch(/has ended/);
    const gone = await depart(customerId, contactId, { reasonCode: 'left-company' }).expect(409);
    expect(gone.body.error).toMatch(/customer's lifecycle covers its contacts/);
    expect(await lifecycle(customerId, contactId)).toMatchObject({ phase: 'ACTIVE', workflowId: null });
  });
});

describe('POST …/contacts/{contactId}/departure', () => {
  it('validates the body, naming the field: reasonCode from the fixed list, departedAt a past instant', async () => {
    const { customerId, contactId } = await provisioned();
    const fields = async (body: object) =>
      (await depart(customerId, contactId, body).expect(400)).body.fields.map((f: { field: string }) => f.field);
    expect(await fields({})).toEqual(['reasonCode']);
    const messages = (await depart(customerId, contactId, { reasonCode: 'sluttet' }).expect(400)).body.fields;
    expect(messages).toEqual([{ field: 'reasonCode', message: 'must be one of left-company, role-changed, customer-request, other' }]);
    expect((await depart(customerId, contactId, {}).expect(400)).body.fields).toEqual([{ field: 'reasonCode', message: 'is required' }]);
    expect(await fields({ reasonCode: 'sluttet' })).toEqual(['reasonCode']);
    expect(await fields({ reasonCode: 'other', departedAt: '2999-01-01T00:00:00Z' })).toEqual(['departedAt']);
    expect(await fields({ reasonCode: 'other', departedAt: 'i går' })).toEqual(['departedAt']);
    expect(await fields({ reasonCode: 'other', note: 'fritekst' })).toEqual(['note']);
  });

  it('answers 404 for an unknown contact, and for a contact under another customer', async () => {
    const { contactId } = await provisioned();
    const otherCustomer = await seedCustomer(api.db);
    await depart(otherCustomer, 'no-such-contact', { reasonCode: 'other' }).expect(404);
    await depart(otherCustomer, contactId, { reasonCode: 'other' }).expect(404);
    await request(api.app)
      .get(`${contactPath(otherCustomer, contactId)}/lifecycle`)
      .set(SERVICE)
      .expect(404);
  });

  it('starts the lifecycle (202), refuses a second departure (409), and anonymises after RETENTION_CONTACT with evidence', async () => {
    const { customerId, contactId } = await provisioned();
    const seeded = await seedContactRecords(api.db, contactId);
    const departedAt = new Date(Date.now() - 1000).toISOString();
    const res = await depart(customerId, contactId, { reasonCode: 'left-company', departedAt }).expect(202);
    expect(res.body).toMatchObject({
      workflowId: contactWorkflowId(contactId),
      contactId,
      customerId,
      phase: 'DEPARTED',
      departedAt,
      departureReason: 'left-company',
      anonymiseDueAt: new Date(Date.parse(departedAt) + 4000).toISOString(),
    });
    const again = await depart(customerId, contactId, { reasonCode: 'other' }).expect(409);
    expect(again.body.error).toMatch(/already departed/);
    await put(customerId, contactId, contactBody()).expect(409);

    const done = await until(
      'the anonymisation',
      () => lifecycle(customerId, contactId),
      (v) => v.phase === 'ANONYMISED',
    );
    const evidence = await api.db.evidence.findFirstOrThrow({ where: { subjectKind: 'contact', subjectId: contactId } });
    expect(done).toMatchObject({ workflowId: contactWorkflowId(contactId), evidenceId: evidence.id, departureReason: 'left-company' });
    expect(evidence).toMatchObject({
      rule: 'contact.anonymise',
      tables: { ContactPerson: { anonymised: 1 }, CrmActivity: { anonymised: 2 } },
    });
    expect(contactValuesIn(await contactTraces(api.db, seeded), seeded)).toEqual([]);
    expect(contactValuesIn(JSON.stringify({ ...evidence, seq: String(evidence.seq) }), seeded)).toEqual([]);

    // Once anonymised: no action changes anything, and nothing personal is written back.
    await put(customerId, contactId, contactBody()).expect(409);
    await depart(customerId, contactId, { reasonCode: 'other' }).expect(409);
    await request(api.app)
      .post(`${contactPath(customerId, contactId)}/hold`)
      .set(SERVICE)
      .send({ reasonCode: 'legal-hold', note: 'tvist' })
      .expect(409);

    const history = await readableHistory(await api.temporal.workflow.getHandle(contactWorkflowId(contactId)).fetchHistory());
    expect(contactValuesIn(history, seeded)).toEqual([]);
  });

  it('holds, releases and erases like every kind; the lifecycle of an active contact is answered without a workflow', async () => {
    const { customerId, contactId } = await provisioned();
    expect(await lifecycle(customerId, contactId)).toMatchObject({ phase: 'ACTIVE', workflowId: null, departedAt: null });
    const path = contactPath(customerId, contactId);
    await request(api.app).post(`${path}/release`).set(SERVICE).send({ reasonCode: 'legal-hold-ended', note: 'ingenting' }).expect(409);
    const held = await request(api.app)
      .post(`${path}/hold`)
      .set(SERVICE)
      .send({ reasonCode: 'legal-hold', note: 'tvist om leveranse' })
      .expect(200);
    expect(held.body).toMatchObject({ phase: 'ACTIVE', hold: { reason: 'legal-hold' } });
    await depart(customerId, contactId, { reasonCode: 'customer-request' }).expect(202);
    await new Promise((r) => setTimeout(r, 5000));
    expect(await lifecycle(customerId, contactId)).toMatchObject({ phase: 'DEPARTED', nextDueAt: null });
    await request(api.app).post(`${path}/release`).set(SERVICE).send({ reasonCode: 'legal-hold-ended', note: 'avklart' }).expect(200);
    await until(
      'the anonymisation after release',
      () => lifecycle(customerId, contactId),
      (v) => v.phase === 'ANONYMISED',
    );

    const other = await provisioned();
    const erased = await request(api.app)
      .post(`${contactPath(other.customerId, other.contactId)}/erasure`)
      .set(SERVICE)
      .send({ reasonCode: 'gdpr-art17-request', note: 'art. 17' })
      .expect(202);
    expect(erased.body.erasureRequestedAt).not.toBeNull();
    await until(
      'the erasure',
      () => lifecycle(other.customerId, other.contactId),
      (v) => v.phase === 'ANONYMISED',
    );
    expect(await api.db.evidence.findFirst({ where: { subjectKind: 'contact', subjectId: other.contactId } })).toMatchObject({
      rule: 'contact.erasure',
    });
  });
});
