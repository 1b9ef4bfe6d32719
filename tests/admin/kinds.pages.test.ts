// The console's API for the kinds that have the pages of any kind (contacts, prospects), on the real
// Postgres and Temporal dev server with a worker: their lists and records answer admins with the
// personal fields and auditors without any of them (not even the key); a record lists its own
// lifecycle with its kind; the dashboard counts their lifecycles by kind and phase and forecasts
// their anonymisations by week; a hold and its release with reason codes take the same path as
// every kind's. Retention in days here, so the deadlines fall inside the forecast's 12 weeks.
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { contactWorkflowId } from '../../lifecycles/contact/contract';
import { prospectWorkflowId } from '../../lifecycles/prospect/contract';
import { contactBody } from '../support/contacts';
import { ADMIN, AUDITOR, SERVICE, useApp } from '../support/harness';
import { projected, q } from '../support/http';
import { seedCustomer, uniqueId } from '../support/subjects';

const api = useApp({ worker: true, prefix: 'kinds-api', env: { RETENTION_CONTACT: 'P20D', RETENTION_PROSPECT: 'P30D' } });

const prospectId = uniqueId('prospect');
const prospect = {
  name: 'Ingrid Prospektsen',
  type: 'private',
  email: `ingrid.${uniqueId('x')}@kunde.example`,
  phone: '+47 913 45 678',
  address: 'Storgata 1, 0155 Oslo',
};
const contactId = uniqueId('contact');
const contact = contactBody();
let customerId: string;

beforeAll(async () => {
  await request(api.app).put(`/api/v1/prospects/${prospectId}`).set(SERVICE).send(prospect).expect(201);
  customerId = await seedCustomer(api.db);
  const path = `/api/v1/customers/${customerId}/contacts/${contactId}`;
  await request(api.app).put(path).set(SERVICE).send(contact).expect(201);
  await request(api.app).post(`${path}/departure`).set(SERVICE).send({ reasonCode: 'left-company' }).expect(202);
  await projected(api, prospectWorkflowId(prospectId), (r) => r.phase === 'ACTIVE' && r.dueAt !== null, 30_000);
  await projected(api, contactWorkflowId(contactId), (r) => r.phase === 'DEPARTED' && r.dueAt !== null, 30_000);
});

const get = (path: string, who: Record<string, string>) => request(api.app).get(`/api/admin${path}`).set(who).expect(200);
const PERSONAL = /"(name|firstName|lastName|email|phone|address)"/;

describe('contacts and prospects in the console API', () => {
  it('lists and shows prospects: with their details for an admin, without any for an auditor', async () => {
    const filter = q({ filter: { id: [prospectId] }, range: [0, 24], sort: ['lastContactAt', 'DESC'] });
    const asAdmin = await get(`/prospects?${filter}`, ADMIN);
    expect(asAdmin.headers['content-range']).toBe('prospects 0-0/1');
    expect(asAdmin.body[0]).toMatchObject({ id: prospectId, type: 'private', name: prospect.name, email: prospect.email });
    const one = await get(`/prospects/${prospectId}`, ADMIN);
    expect(one.body).toMatchObject({ id: prospectId, address: prospect.address });
    expect(one.body.lifecycles).toEqual([
      expect.objectContaining({ workflowId: prospectWorkflowId(prospectId), kind: 'prospect', phase: 'ACTIVE', status: 'running' }),
    ]);

    const listed = await get(`/prospects?${filter}`, AUDITOR);
    const shown = await get(`/prospects/${prospectId}`, AUDITOR);
    for (const body of [listed.body, shown.body]) {
      const text = JSON.stringify(body);
      expect(text).not.toMatch(PERSONAL);
      for (const value of Object.values(prospect).filter((v) => v !== 'private')) expect(text).not.toContain(value);
    }
    expect(shown.body).toMatchObject({ id: prospectId, type: 'private', lifecycles: [expect.objectContaining({ kind: 'prospect' })] });
    await request(api.app).get('/api/admin/prospects/no-such-prospect').set(AUDITOR).expect(404);
  });

  it("lists a customer's contacts flat and shows one with its own lifecycle, labelled as a contact's", async () => {
    const filter = q({ filter: { customerId }, range: [0, 24], sort: ['departedAt', 'DESC'] });
    const asAdmin = await get(`/contacts?${filter}`, ADMIN);
    expect(asAdmin.body).toEqual([
      expect.objectContaining({ id: contactId, customerId, firstName: contact.firstName, email: contact.email, role: 'IT-ansvarlig' }),
    ]);
    const one = await get(`/contacts/${contactId}`, ADMIN);
    expect(one.body).toMatchObject({ departureReason: 'left-company', lastName: contact.lastName });
    expect(one.body.lifecycles).toEqual([
      expect.objectContaining({ workflowId: contactWorkflowId(contactId), kind: 'contact', subjectId: contactId, phase: 'DEPARTED' }),
    ]);

    for (const res of [await get(`/contacts?${filter}`, AUDITOR), await get(`/contacts/${contactId}`, AUDITOR)]) {
      const text = JSON.stringify(res.body);
      expect(text).not.toMatch(PERSONAL);
      for (const value of [contact.firstName, contact.lastName, contact.email, contact.phone]) expect(text).not.toContain(value);
      expect(text).toContain('left-company');
    }
    await request(api.app).get('/api/admin/contacts/no-such-contact').set(AUDITOR).expect(404);
  });

  it('counts their lifecycles by kind and phase and forecasts their anonymisations by ISO week', async () => {
    const dashboard = await get('/dashboard', AUDITOR);
    expect(dashboard.body.counts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'prospect', phase: 'ACTIVE', status: 'running', count: expect.any(Number) }),
        expect.objectContaining({ kind: 'contact', phase: 'DEPARTED', status: 'running', count: expect.any(Number) }),
      ]),
    );
    const weekOf = async (workflowId: string) => {
      const due = Date.parse((await get(`/lifecycles/${workflowId}`, AUDITOR)).body.dueAt);
      return dashboard.body.weeks.findIndex((w: { start: string; end: string }) => Date.parse(w.start) <= due && due < Date.parse(w.end));
    };
    const [prospectWeek, contactWeek] = [await weekOf(prospectWorkflowId(prospectId)), await weekOf(contactWorkflowId(contactId))];
    expect(prospectWeek).toBeGreaterThanOrEqual(0);
    expect(contactWeek).toBeGreaterThanOrEqual(0);
    expect(dashboard.body.weeks[prospectWeek].due.prospect).toBeGreaterThanOrEqual(1);
    expect(dashboard.body.weeks[contactWeek].due.contact).toBeGreaterThanOrEqual(1);
    // Temporal's check asks about every kind, these two included.
    const checks = await get('/dashboard/checks', AUDITOR);
    expect(checks.body.temporalStatus).toBe('ok');
    expect(checks.body.notScheduled[prospectWeek]).toHaveProperty('prospect');
    expect(checks.body.notScheduled[contactWeek]).toHaveProperty('contact');
  });

  it("holds and releases a prospect's lifecycle with reason codes; the dashboard counts it as held meanwhile", async () => {
    const workflowId = prospectWorkflowId(prospectId);
    const act = (action: string, body: object) =>
      request(api.app).post(`/api/admin/lifecycles/${workflowId}/${action}`).set(ADMIN).send(body);
    await act('hold', { note: 'tvist' }).expect(400); // a code is required
    await act('hold', { reasonCode: 'legal-hold', note: 'tvist om tilbud' }).expect(200);
    await projected(api, workflowId, (r) => r.onHold === true);
    const held = (await get('/dashboard', AUDITOR)).body.held as { kind: string; count: number }[];
    expect(held.find((h) => h.kind === 'prospect')?.count).toBeGreaterThanOrEqual(1);
    await request(api.app)
      .post(`/api/admin/lifecycles/${workflowId}/release`)
      .set(AUDITOR)
      .send({ reasonCode: 'legal-hold-ended' })
      .expect(403);
    await act('release', { reasonCode: 'legal-hold-ended' }).expect(200);
    await projected(api, workflowId, (r) => r.onHold === false);
    const history = await get(`/lifecycles/${workflowId}/history`, AUDITOR);
    expect(JSON.stringify(history.body)).toContain('legal-hold');
    expect(JSON.stringify(history.body)).not.toContain('tvist om tilbud');
  });
});
