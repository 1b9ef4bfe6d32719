// Support cases end to end on the Temporal dev server and Postgres, through the HTTP API, with
// seconds for a year (RETENTION_SUPPORT_CASE 4 s): intake removes what a case never needs, an outside
// requester's case is erased after closure with its evidence, and neither the workflow's history nor
// the evidence holds a value; other requesters' cases close on their row and keep their people
// until the requester's own lifecycle ends them.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { supportCaseWorkflowId } from '../../lifecycles/supportCase/contract';
import { SERVICE, useApp } from '../support/harness';
import { readableHistory } from '../support/history';
import { seedUser, uniqueId } from '../support/subjects';
import { seedCustomerRecords } from '../support/customers';
import { createCustomerRecordActivities } from '../../lifecycles/customer/records';
import { supportCaseConformanceChecks } from '../../lifecycles/supportCase/conformance';
import type { CheckContext } from '../../lifecycles/conformance';

const stack = useApp({ worker: true, prefix: 'it-case', env: { RETENTION_SUPPORT_CASE: 'PT4S' } });

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const FNR = '15038512363';
const CARD = '4111 1111 1111 1111';
const PASSWORD = 'Hemmelig123!';

describe('support cases through the API', () => {
  it("redacts at intake, erases an outside requester's details after closure, and proves it without a value", async () => {
    const requester = { kind: 'external', name: 'Oda Utenfor', email: `oda.${uniqueId('x')}@utenfor.example`, phone: '+47 912 34 567' };
    const created = await request(stack.app)
      .post('/api/v1/support-cases')
      .set(SERVICE)
      .send({
        requester,
        subject: `VPN feiler for ${FNR}`,
        description: `Hei, Oda Utenfor her (${requester.email}, 912 34 567). Kort ${CARD} ble belastet, passord: ${PASSWORD}. Feilkode 0x80070005 på klient 5.2.1.`,
      })
      .expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      redactions: [
        { type: 'national-id', count: 1 },
        { type: 'payment-card', count: 1 },
        { type: 'password', count: 1 },
      ],
    });
    const id: string = created.body.id;
    const stored = await stack.db.supportCase.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ requesterKind: 'external', requesterName: 'Oda Utenfor', requesterPhone: '+4791234567' });
    for (const value of [FNR, CARD, PASSWORD]) expect(stored.subject + stored.description).not.toContain(value);
    expect(stored.subject).toBe('VPN feiler for [fjernet: fødselsnummer]');
    expect(stored.intakeRedactions).toEqual(created.body.redactions);

    const open = await until(
      'the lifecycle',
      async () => (await request(stack.app).get(`/api/v1/support-cases/${id}/lifecycle`).set(SERVICE)).body,
      (b) => b.workflowId !== null && b.phase === 'OPEN',
    );
    expect(open.eraseDueAt).toBeNull();

    const closed = await request(stack.app)
      .post(`/api/v1/support-cases/${id}/closure`)
      .set(SERVICE)
      .send({ reasonCode: 'other', note: 'løst' })
      .expect(200);
    expect(closed.body).toMatchObject({ id, status: 'closed', requesterKind: 'external', eraseDueAt: expect.any(String) });
    expect(Date.parse(closed.body.eraseDueAt) - Date.parse(closed.body.closedAt)).toBe(4_000);

    const erased = await until(
      'the erasure',
      () => stack.db.supportCase.findUniqueOrThrow({ where: { id } }),
      (c) => c.requesterErasedAt !== null,
    );
    expect(erased).toMatchObject({ requesterName: null, requesterEmail: null, requesterPhone: null, status: 'closed' });
    for (const value of ['Oda', 'Utenfor', requester.email, '912 34 567']) expect(erased.description).not.toContain(value);
    expect(erased.description).toContain('Feilkode 0x80070005 på klient 5.2.1.');

    const report = await until(
      'the report',
      async () => (await request(stack.app).get(`/api/v1/support-cases/${id}/lifecycle`).set(SERVICE).expect(200)).body,
      (b) => b.phase === 'ERASED',
    );
    expect(report).toMatchObject({ erasureRule: 'support.retention', evidenceId: expect.any(String) });
    const evidence = await stack.db.evidence.findFirstOrThrow({ where: { subjectKind: 'supportCase', subjectId: id } });
    expect(evidence).toMatchObject({ rule: 'support.retention', action: 'anonymise', tables: { SupportCase: { anonymised: 1 } } });

    // Nothing personal, nothing intake removed, in the workflow's history or the evidence.
    const history = await readableHistory(await stack.temporal.workflow.getHandle(supportCaseWorkflowId(id)).fetchHistory());
    const proof = JSON.stringify(evidence, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
    for (const value of ['Oda', 'Utenfor', requester.email, '91234567', FNR, PASSWORD, 'VPN feiler']) {
      expect(history).not.toContain(value);
      expect(proof).not.toContain(value);
    }
    // The lifecycle is done: hold is refused as the phase forbids.
    await request(stack.app)
      .post(`/api/v1/support-cases/${id}/hold`)
      .set(SERVICE)
      .send({ reasonCode: 'legal-hold', note: 'for sent' })
      .expect(409);
  });

  it("closes a user's case on its row: no lifecycle of its own, the user's purge ends its people", async () => {
    const user = await seedUser(stack.db);
    const created = await request(stack.app)
      .post('/api/v1/support-cases')
      .set(SERVICE)
      .send({ requester: { kind: 'user', id: user.userId }, subject: 'Skriveren', description: 'Skriver blanke ark.' })
      .expect(201);
    expect(created.body.redactions).toEqual([]);
    const row = await stack.db.supportCase.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(row).toMatchObject({ requesterKind: 'user', requesterId: user.userId, customerId: user.customerId });
    const closed = await request(stack.app).post(`/api/v1/support-cases/${created.body.id}/closure`).set(SERVICE).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', requesterKind: 'user', eraseDueAt: null });
    // Not this kind's subject: the user's lifecycle covers it.
    await request(stack.app).get(`/api/v1/support-cases/${created.body.id}/lifecycle`).set(SERVICE).expect(404);
  });

  it('answers 400 naming the field, 404 for unknown requesters and cases', async () => {
    const post = (body: object) => request(stack.app).post('/api/v1/support-cases').set(SERVICE).send(body);
    const bad = await post({ requester: { kind: 'neighbour' }, subject: '', description: 'x' }).expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['requester.kind', 'subject']));
    const noId = await post({ requester: { kind: 'contact' }, subject: 's', description: 'd' }).expect(400);
    expect(noId.body.fields.map((f: { field: string }) => f.field)).toContain('requester.id');
    const idForOutsider = await post({ requester: { kind: 'external', id: 'x1' }, subject: 's', description: 'd' }).expect(400);
    expect(JSON.stringify(idForOutsider.body.fields)).toContain('requester');
    await post({ requester: { kind: 'user', id: 'no-such-user' }, subject: 's', description: 'd' }).expect(404);
    await post({ customerId: 'no-such-customer', requester: { kind: 'external' }, subject: 's', description: 'd' }).expect(404);
    await request(stack.app).post('/api/v1/support-cases/no-such-case/closure').set(SERVICE).expect(404);
    const badTime = await request(stack.app)
      .post('/api/v1/support-cases/x/closure')
      .set(SERVICE)
      .send({ closedAt: 'yesterday' })
      .expect(400);
    expect(badTime.body.fields[0].field).toBe('closedAt');
  });

  it("takes a contact's case with the customer's CRM anonymisation: the contact's name leaves the text, the fault stays", async () => {
    const customer = await seedCustomerRecords(stack.db, 'business');
    const contact = await stack.db.contactPerson.findFirstOrThrow({ where: { customerId: customer.customerId } });
    const created = await request(stack.app)
      .post('/api/v1/support-cases')
      .set(SERVICE)
      .send({
        requester: { kind: 'contact', id: contact.id, email: contact.email },
        subject: 'Nettverket er nede',
        description: `${contact.firstName} ${contact.lastName} melder at switchen i 2. etasje er nede. Ring ${contact.phone}.`,
      })
      .expect(201);
    // A contact belongs to one customer: naming another is a 400 on customerId.
    const other = await seedCustomerRecords(stack.db, 'business');
    const wrong = await request(stack.app)
      .post('/api/v1/support-cases')
      .set(SERVICE)
      .send({ customerId: other.customerId, requester: { kind: 'contact', id: contact.id }, subject: 's', description: 'd' })
      .expect(400);
    expect(wrong.body.fields[0].field).toBe('customerId');

    const step = { policyVersion: 'test', reason: null, triggeredAt: null, dueAt: null, workflowId: 'w', runId: 'r' };
    const outcome = await createCustomerRecordActivities(stack.db, stack.ledger).anonymiseCrm({
      ...step,
      customerId: customer.customerId,
      rule: 'crm.anonymise',
      idempotencyKey: uniqueId('crm'),
    });
    expect(outcome.tables.SupportCase).toEqual({ anonymised: 1 });
    const c = await stack.db.supportCase.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(c).toMatchObject({
      contactId: null,
      requesterEmail: null,
      customerId: customer.customerId,
      requesterErasedAt: expect.any(Date),
    });
    for (const value of [contact.firstName!, contact.lastName!, contact.phone!]) expect(c.description).not.toContain(value);
    expect(c.description).toContain('melder at switchen i 2. etasje er nede.');
  });

  it('finds a closed outside case past its date with no lifecycle, and leaves a fresh one alone', async () => {
    const [check] = supportCaseConformanceChecks;
    const data = {
      requesterKind: 'external',
      requesterName: 'Per Utenfor',
      subject: 's',
      description: 'd',
      category: 'general',
      status: 'closed',
    } as const;
    const old = await stack.db.supportCase.create({ data: { ...data, closedAt: new Date(Date.now() - 2 * 365 * 86_400_000) } });
    const fresh = await stack.db.supportCase.create({ data: { ...data, closedAt: new Date() } });
    const ctx = { db: stack.db, policy: stack.config.policy, now: new Date(), toleranceMs: 3_600_000 } as unknown as CheckContext;
    const { findings } = await check!.run(ctx);
    const ids = findings.map((f) => f.subjectId);
    expect(ids).not.toContain(fresh.id);
    // This app's RETENTION_SUPPORT_CASE is 4 s: the default P1Y would find it too.
    expect(findings.find((f) => f.subjectId === old.id)).toMatchObject({
      check: 'support.requester-overdue',
      rule: 'support.retention',
      subjectKind: 'supportCase',
      repair: 'start-lifecycle',
    });
  });
});
