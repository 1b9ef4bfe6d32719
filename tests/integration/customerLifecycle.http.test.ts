// A customer relationship end to end on the Temporal dev server and Postgres, through the HTTP API,
// with seconds for years (CRM 6 s, ERP cap 10 s, user quarantine 3 s). The database is checked
// before and after each step, and the customer workflow's history for personal data. A come-back
// needs its users still in quarantine when it arrives, so it runs on an app whose clocks are hours:
// no test races a deadline.
import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { customerWorkflowId } from '../../lifecycles/customer/contract';
import { leakedValues, personalTraces, uniqueId, type SeededUser } from '../support/subjects';
import { businessData, customerRecords, seedCustomerRecords, valuesIn, type SeededCustomer } from '../support/customers';
import { SERVICE, useApp, type TestApp } from '../support/harness';
import { personalData } from '../support/subjects';
import { readableHistory } from '../support/history';

const fast = useApp({
  worker: true,
  prefix: 'it-cust',
  // Under bokføringsloven's duty, so ERP waits for its own date after the CRM step (without one it
  // goes with the CRM: tests/workflows/customerLifecycle.test.ts).
  env: {
    RETENTION_USER_QUARANTINE: 'PT3S',
    RETENTION_CRM_ANONYMISE: 'PT6S',
    RETENTION_ERP_MAX: 'PT10S',
    RETENTION_ERP_LEGAL_DUTY: 'bokforingsloven',
  },
});
const slow = useApp({
  worker: true,
  prefix: 'it-cust-slow',
  env: { RETENTION_USER_QUARANTINE: 'PT1H', RETENTION_CRM_ANONYMISE: 'PT2H', RETENTION_ERP_MAX: 'PT3H' },
});

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** What the tests do through one app's API and database. */
function on(stack: TestApp) {
  return {
    /** A private customer with CRM and ERP records, and users provisioned through the API. */
    async provision(users: number): Promise<{ customer: SeededCustomer; team: SeededUser[] }> {
      const customer = await seedCustomerRecords(stack.db, 'private');
      const team: SeededUser[] = [];
      for (let i = 0; i < users; i++) {
        const personal = personalData();
        const userId = uniqueId('user');
        await request(stack.app)
          .put(`/api/v1/users/${userId}`)
          .set(SERVICE)
          .send({ customerId: customer.customerId, ...personal })
          .expect(201);
        team.push({ userId, customerId: customer.customerId, personal });
      }
      return { customer, team };
    },
    lifecycle: async (customerId: string) =>
      (await request(stack.app).get(`/api/v1/customers/${customerId}/lifecycle`).set(SERVICE).expect(200)).body,
    userLifecycle: async (userId: string) =>
      (await request(stack.app).get(`/api/v1/users/${userId}/lifecycle`).set(SERVICE).expect(200)).body,
    statuses: (team: SeededUser[]) =>
      stack.db.userAccount
        .findMany({ where: { id: { in: team.map((u) => u.userId) } }, select: { status: true } })
        .then((rows) => rows.map((r) => r.status)),
  };
}

const stack = fast;
const { provision, lifecycle, statuses } = on(fast);

describe('customer lifecycle through the API', () => {
  it('ends the relationship: users cascaded and purged, CRM anonymised, then ERP at the cap under a legal duty, with evidence and no PII in Temporal', async () => {
    const { customer: c, team } = await provision(3);
    const business = await businessData(stack.db, c.customerId);
    expect(valuesIn(await customerRecords(stack.db, c.customerId, 'crm'), c.crmPersonal)).toEqual(c.crmPersonal);

    const ended = await request(stack.app)
      .post(`/api/v1/customers/${c.customerId}/termination`)
      .set(SERVICE)
      .send({ reasonCode: 'customer-ended', note: 'avtale sagt opp' })
      .expect(202);
    expect(ended.body).toMatchObject({
      workflowId: customerWorkflowId(c.customerId),
      phase: 'ENDED',
      terminationReason: 'customer-ended',
    });
    const endedAt = Date.parse(ended.body.endedAt);
    expect(Date.parse(ended.body.crmAnonymiseDueAt) - endedAt).toBe(6_000);
    expect(Date.parse(ended.body.erpAnonymiseDueAt) - endedAt).toBe(10_000);
    expect(await stack.db.customer.findUniqueOrThrow({ where: { id: c.customerId } })).toMatchObject({ status: 'ended' });

    // Idempotent: the same answer, the same dates.
    const again = await request(stack.app).post(`/api/v1/customers/${c.customerId}/termination`).set(SERVICE).send({}).expect(202);
    expect(again.body.endedAt).toBe(ended.body.endedAt);

    await until(
      'the cascade',
      () => lifecycle(c.customerId),
      (v) => v.cascade?.done,
    );
    expect((await lifecycle(c.customerId)).cascade).toMatchObject({ action: 'terminate', usersDone: 3 });
    await until(
      'users purged',
      () => statuses(team),
      (s) => s.every((x) => x === 'purged'),
    );
    for (const u of team) expect(leakedValues(await personalTraces(stack.db, u), u)).toEqual([]);

    const crmStep = await until(
      'CRM anonymised',
      () => lifecycle(c.customerId),
      (v) => v.phase !== 'ENDED',
    );
    expect(crmStep.phase).toBe('CRM_ANONYMISED');
    expect(valuesIn(await customerRecords(stack.db, c.customerId, 'crm'), c.crmPersonal)).toEqual([]);
    expect(valuesIn(await customerRecords(stack.db, c.customerId, 'erp'), c.erpPersonal)).toEqual(c.erpPersonal);
    expect(await businessData(stack.db, c.customerId)).toEqual(business);

    const closed = await until(
      'ERP anonymised',
      () => lifecycle(c.customerId),
      (v) => v.phase === 'CLOSED',
    );
    expect(valuesIn(await customerRecords(stack.db, c.customerId, 'erp'), c.erpPersonal)).toEqual([]);
    expect(await businessData(stack.db, c.customerId)).toEqual(business);
    const evidence = await stack.db.evidence.findMany({ where: { subjectId: c.customerId }, orderBy: { seq: 'asc' } });
    expect(evidence.map((e) => e.rule)).toEqual(['crm.anonymise', 'erp.cap']);
    expect(evidence[1]!.detail).toMatchObject({ legalDuty: 'bokforingsloven' });
    expect(closed).toMatchObject({ crmEvidenceId: evidence[0]!.id, erpEvidenceId: evidence[1]!.id });
    expect(evidence[1]!.finishedAt.getTime() - endedAt).toBeGreaterThanOrEqual(10_000);

    // Closed for good: a repeated report answers from the ledger; a come-back is refused.
    expect(
      (await request(stack.app).post(`/api/v1/customers/${c.customerId}/termination`).set(SERVICE).send({}).expect(202)).body.phase,
    ).toBe('CLOSED');
    await request(stack.app).post(`/api/v1/customers/${c.customerId}/restore`).set(SERVICE).send({}).expect(409);

    const handle = stack.temporal.workflow.getHandle(customerWorkflowId(c.customerId));
    // Decrypted, as anyone with the key could read it: the reason code is only inside the payloads,
    // and the note never reaches the history at all.
    const history = await readableHistory(await handle.fetchHistory());
    expect(history).toContain('customer-ended');
    expect(history).not.toContain('avtale sagt opp');
    expect(history).toContain(c.customerId);
    expect(valuesIn(history, [...c.crmPersonal, ...c.erpPersonal])).toEqual([]);
    for (const u of team) expect(leakedValues(history, u)).toEqual([]);
    const { searchAttributes } = await handle.describe();
    expect(valuesIn(JSON.stringify(searchAttributes), c.crmPersonal)).toEqual([]);
  });

  it('a come-back during retention makes the customer and its users active again; nothing is due any more', async () => {
    const stack = slow;
    const { provision, lifecycle, statuses, userLifecycle: user } = on(slow);
    const { customer: c, team } = await provision(2);
    const ended = await request(stack.app).post(`/api/v1/customers/${c.customerId}/termination`).set(SERVICE).send({}).expect(202);
    expect(ended.body.crmAnonymiseDueAt).not.toBeNull();
    await until(
      'users deactivated',
      () => statuses(team),
      (s) => s.every((x) => x === 'deactivated'),
    );
    expect((await user(team[0]!.userId)).purgeDueAt).not.toBeNull();

    const back = await request(stack.app)
      .post(`/api/v1/customers/${c.customerId}/restore`)
      .set(SERVICE)
      .send({ reasonCode: 'returned', note: 'ny avtale' })
      .expect(200);
    expect(back.body).toMatchObject({ phase: 'ACTIVE', crmAnonymiseDueAt: null, erpAnonymiseDueAt: null, nextDueAt: null, endedAt: null });
    expect(await stack.db.customer.findUniqueOrThrow({ where: { id: c.customerId } })).toMatchObject({ status: 'active', endedAt: null });
    await until(
      'users restored',
      () => statuses(team),
      (s) => s.every((x) => x === 'active'),
    );
    // Nothing left to fall due: no anonymisation, no purge (tests/workflows/customerLifecycle.test.ts lets the years pass).
    for (const u of team) expect(await user(u.userId)).toMatchObject({ phase: 'ACTIVE', purgeDueAt: null });
    expect(await stack.db.evidence.count({ where: { subjectId: { in: [c.customerId, ...team.map((u) => u.userId)] } } })).toBe(0);
    expect(valuesIn(await customerRecords(stack.db, c.customerId, 'crm'), c.crmPersonal)).toEqual(c.crmPersonal);
    expect((await lifecycle(c.customerId)).events.map((e: { kind: string }) => e.kind)).toContain('restored');
  });

  it('a hold keeps CRM/ERP data past the cap and says so; release anonymises at once; refused actions answer 409', async () => {
    const { customer: c } = await provision(0);
    await request(stack.app)
      .post(`/api/v1/customers/${c.customerId}/release`)
      .set(SERVICE)
      .send({ reasonCode: 'legal-hold-ended', note: 'ingen hold' })
      .expect(409);
    await request(stack.app)
      .post(`/api/v1/customers/${c.customerId}/hold`)
      .set(SERVICE)
      .send({ reasonCode: 'legal-hold', note: 'tvist, sak 9' })
      .expect(200);
    await request(stack.app).post(`/api/v1/customers/${c.customerId}/termination`).set(SERVICE).send({}).expect(202);

    const past = await until(
      'held past the cap',
      () => lifecycle(c.customerId),
      (v) => v.heldPastCap,
    );
    expect(past).toMatchObject({ phase: 'ENDED', heldPastCapReason: 'legal-hold', nextDueAt: null });
    expect(valuesIn(await customerRecords(stack.db, c.customerId, 'crm'), c.crmPersonal)).toEqual(c.crmPersonal);
    expect(await stack.db.evidence.count({ where: { subjectId: c.customerId } })).toBe(0);

    await request(stack.app)
      .post(`/api/v1/customers/${c.customerId}/release`)
      .set(SERVICE)
      .send({ reasonCode: 'legal-hold-ended', note: 'tvist avsluttet' })
      .expect(200);
    await until(
      'closed',
      () => lifecycle(c.customerId),
      (v) => v.phase === 'CLOSED',
    );
    expect(valuesIn(await customerRecords(stack.db, c.customerId, 'crm'), c.crmPersonal)).toEqual([]);
    expect(valuesIn(await customerRecords(stack.db, c.customerId, 'erp'), c.erpPersonal)).toEqual([]);
  });

  it('validates input and answers 404 for an unknown customer', async () => {
    await request(stack.app)
      .post(`/api/v1/customers/${uniqueId('nobody')}/termination`)
      .set(SERVICE)
      .send({})
      .expect(404);
    const future = new Date(Date.now() + 3600_000).toISOString();
    const bad = await request(stack.app)
      .post(`/api/v1/customers/${uniqueId('c')}/termination`)
      .set(SERVICE)
      .send({ terminatedAt: future })
      .expect(400);
    expect(bad.body.fields).toMatchObject([{ field: 'terminatedAt' }]);
    await request(stack.app)
      .post(`/api/v1/customers/${uniqueId('c')}/hold`)
      .set(SERVICE)
      .send({ reasonCode: 'legal-hold', note: 'ring 91234567' })
      .expect(400);
  });
});
