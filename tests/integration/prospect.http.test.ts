// Prospects end to end on the Temporal dev server and Postgres, through the HTTP API, with seconds
// for years (RETENTION_PROSPECT 4 s): a prospect's data is anonymised after the last contact, each
// contact restarting the clock, with its evidence; a conversion hands the details to the customer
// and ends the prospect's lifecycle; neither the workflow's history nor the evidence holds a value.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { prospectWorkflowId } from '../../lifecycles/prospect/contract';
import { SERVICE, useApp } from '../support/harness';
import { readableHistory } from '../support/history';
import { uniqueId } from '../support/subjects';
import { prospectConformanceChecks } from '../../lifecycles/prospect/conformance';
import type { CheckContext } from '../../lifecycles/conformance';

const stack = useApp({ worker: true, prefix: 'it-prospect', env: { RETENTION_PROSPECT: 'PT4S' } });

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const lifecycle = async (id: string) => (await request(stack.app).get(`/api/v1/prospects/${id}/lifecycle`).set(SERVICE).expect(200)).body;

describe('prospects through the API', () => {
  it('anonymises a prospect 4 s after its last contact, restarts the clock on a contact, and proves it without a value', async () => {
    const id = uniqueId('prospect');
    const email = `kari.${uniqueId('x')}@kunde.example`;
    const body = { name: 'Kari Potensiell', type: 'private', email, phone: '+47 913 45 678', address: 'Storgata 1, 0155 Oslo' };
    const created = await request(stack.app).put(`/api/v1/prospects/${id}`).set(SERVICE).send(body).expect(201);
    expect(created.body).toEqual({ id, status: 'active', lifecycleStarted: true });
    await request(stack.app).put(`/api/v1/prospects/${id}`).set(SERVICE).send(body).expect(200);

    const started = await until(
      'the lifecycle',
      () => lifecycle(id),
      (b) => b.workflowId !== null && b.lastContactAt !== null,
    );
    expect(started).toMatchObject({ phase: 'ACTIVE', anonymisedAt: null });

    const contacted = await request(stack.app).post(`/api/v1/prospects/${id}/contact`).set(SERVICE).send({}).expect(200);
    expect(Date.parse(contacted.body.lastContactAt)).toBeGreaterThan(Date.parse(started.lastContactAt));
    expect(Date.parse(contacted.body.anonymiseDueAt) - Date.parse(contacted.body.lastContactAt)).toBe(4_000);
    const row = await stack.db.prospect.findUniqueOrThrow({ where: { id } });
    expect(row.lastContactAt?.toISOString()).toBe(contacted.body.lastContactAt);

    const anonymised = await until(
      'the anonymisation',
      () => stack.db.prospect.findUniqueOrThrow({ where: { id } }),
      (p) => p.anonymisedAt !== null,
    );
    expect(anonymised).toMatchObject({ name: null, email: null, phone: null, address: null, type: 'private', convertedToCustomerId: null });
    expect(anonymised.anonymisedAt!.getTime()).toBeGreaterThanOrEqual(Date.parse(contacted.body.anonymiseDueAt));

    const report = await until(
      'the report',
      () => lifecycle(id),
      (b) => b.phase === 'ANONYMISED',
    );
    expect(report).toMatchObject({ anonymisationRule: 'prospect.anonymise', evidenceId: expect.any(String) });
    const evidence = await stack.db.evidence.findFirstOrThrow({ where: { subjectKind: 'prospect', subjectId: id } });
    expect(evidence).toMatchObject({ rule: 'prospect.anonymise', action: 'anonymise', tables: { Prospect: { anonymised: 1 } } });

    const history = await readableHistory(await stack.temporal.workflow.getHandle(prospectWorkflowId(id)).fetchHistory());
    const proof = JSON.stringify(evidence, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
    for (const value of ['Kari', 'Potensiell', email, '91345678', 'Storgata']) {
      expect(history).not.toContain(value);
      expect(proof).not.toContain(value);
    }
    // The phase forbids anything more: no contact, no new data under the same ID, no conversion.
    await request(stack.app).post(`/api/v1/prospects/${id}/contact`).set(SERVICE).send({}).expect(409);
    await request(stack.app).put(`/api/v1/prospects/${id}`).set(SERVICE).send(body).expect(409);
    await request(stack.app)
      .post(`/api/v1/prospects/${id}/hold`)
      .set(SERVICE)
      .send({ reasonCode: 'legal-hold', note: 'for sent' })
      .expect(409);
  });

  it("converts into a customer: the details the customer lacks move into its row, the prospect's row is anonymised, once", async () => {
    const customerId = uniqueId('customer');
    await request(stack.app).put(`/api/v1/customers/${customerId}`).set(SERVICE).send({ type: 'business', name: 'Fjord AS' }).expect(201);
    const id = uniqueId('prospect');
    const email = `post.${uniqueId('x')}@fjord.example`;
    await request(stack.app)
      .put(`/api/v1/prospects/${id}`)
      .set(SERVICE)
      .send({ name: 'Fjord Prospekt', type: 'business', email, phone: '+47 22 33 44 55' })
      .expect(201);

    await request(stack.app).post(`/api/v1/prospects/${id}/conversion`).set(SERVICE).send({ customerId: 'no-such-customer' }).expect(404);
    const converted = await request(stack.app).post(`/api/v1/prospects/${id}/conversion`).set(SERVICE).send({ customerId }).expect(200);
    expect(converted.body).toMatchObject({
      phase: 'CONVERTED',
      customerId,
      convertedAt: expect.any(String),
      evidenceId: expect.any(String),
    });

    const customer = await stack.db.customer.findUniqueOrThrow({ where: { id: customerId } });
    // The customer's own name stays; what it lacked comes from the prospect.
    expect(customer).toMatchObject({ name: 'Fjord AS', email, phone: '+4722334455', status: 'active' });
    const prospect = await stack.db.prospect.findUniqueOrThrow({ where: { id } });
    expect(prospect).toMatchObject({ name: null, email: null, phone: null, convertedToCustomerId: customerId });
    const evidence = await stack.db.evidence.findFirstOrThrow({ where: { subjectKind: 'prospect', subjectId: id } });
    expect(evidence).toMatchObject({ rule: 'prospect.conversion', detail: { customerId, fieldsHandedOver: ['email', 'phone'] } });
    expect(JSON.stringify(evidence.detail)).not.toContain(email);

    await request(stack.app).post(`/api/v1/prospects/${id}/conversion`).set(SERVICE).send({ customerId }).expect(409);
    const report = await until(
      'the final report',
      () => lifecycle(id),
      (b) => b.phase === 'CONVERTED',
    );
    expect(report).toMatchObject({ customerId, anonymiseDueAt: null, nextDueAt: null });
  });

  it('answers 400 naming the field, 404 for unknown prospects', async () => {
    const bad = await request(stack.app)
      .put('/api/v1/prospects/p-bad')
      .set(SERVICE)
      .send({ name: 'X', type: 'person', email: 'not-an-email', lastContactAt: 'i går' })
      .expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['type', 'email', 'lastContactAt']));
    const future = await request(stack.app)
      .post('/api/v1/prospects/p-bad/contact')
      .set(SERVICE)
      .send({ contactedAt: new Date(Date.now() + 3_600_000).toISOString() })
      .expect(400);
    expect(future.body.fields[0].field).toBe('contactedAt');
    const noCustomer = await request(stack.app).post('/api/v1/prospects/p-bad/conversion').set(SERVICE).send({}).expect(400);
    expect(noCustomer.body.fields[0].field).toBe('customerId');
    await request(stack.app).post('/api/v1/prospects/no-such-prospect/contact').set(SERVICE).send({}).expect(404);
    await request(stack.app).post('/api/v1/prospects/no-such-prospect/conversion').set(SERVICE).send({ customerId: 'c' }).expect(404);
    await request(stack.app).get('/api/v1/prospects/no-such-prospect/lifecycle').set(SERVICE).expect(404);
  });

  it('finds a prospect past the 5 years with its data left and no lifecycle (prospect.data-overdue), and not a fresh one', async () => {
    const [check] = prospectConformanceChecks;
    const SIX_YEARS = 6 * 365 * 86_400_000;
    const old = await stack.db.prospect.create({
      data: { id: uniqueId('prospect'), type: 'business', name: 'Gammel AS', lastContactAt: new Date(Date.now() - SIX_YEARS) },
    });
    const fresh = await stack.db.prospect.create({
      data: { id: uniqueId('prospect'), type: 'business', name: 'Ny AS', lastContactAt: new Date() },
    });
    const ctx = { db: stack.db, policy: stack.config.policy, now: new Date(), toleranceMs: 3_600_000 } as unknown as CheckContext;
    const { findings } = await check!.run(ctx);
    const ids = findings.map((f) => f.subjectId);
    expect(ids).not.toContain(fresh.id);
    expect(findings.find((f) => f.subjectId === old.id)).toMatchObject({
      check: 'prospect.data-overdue',
      rule: 'prospect.anonymise',
      subjectKind: 'prospect',
      table: 'Prospect',
      repair: 'start-lifecycle',
    });
  });
});
