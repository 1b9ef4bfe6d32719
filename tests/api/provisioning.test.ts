// Provisioning customers and users: created vs updated, and the checks against the database.
import { fakerNB_NO as faker } from '@faker-js/faker';
import request from 'supertest';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createUserAccountActivities } from '../../lifecycles/user/account';
import { testDatabaseUrl } from '../support/env';
import { uniqueId } from '../support/subjects';
import { SERVICE, useApp } from '../support/harness';
import { provisionUser } from '../support/http';
import { newUserBody } from '../support/subjects';
import { CustomerId, LifecyclePhase } from '../../lifecycles/shared/searchAttributes';

const api = useApp();

describe('PUT /api/v1/customers/{customerId}', () => {
  it('creates (201), then updates (200) and replaces the optional fields', async () => {
    const id = uniqueId('cust');
    const body = {
      type: 'private',
      name: 'Kari Nordmann',
      address: 'Storgata 1, 0155 Oslo',
      email: 'kari@example.no',
      phone: '+47 912 34 567',
    };
    const created = await request(api.app).put(`/api/v1/customers/${id}`).set(SERVICE).send(body).expect(201);
    expect(created.body).toEqual({ id, status: 'active', lifecycleStarted: true });
    expect(await api.db.customer.findUniqueOrThrow({ where: { id } })).toMatchObject({ type: 'private', phone: '+4791234567' });

    const updated = await request(api.app)
      .put(`/api/v1/customers/${id}`)
      .set(SERVICE)
      .send({ type: 'business', name: 'Nordmann AS' })
      .expect(200);
    expect(updated.body).toEqual({ id, status: 'active', lifecycleStarted: true });
    expect(await api.db.customer.findUniqueOrThrow({ where: { id } })).toMatchObject({
      type: 'business',
      name: 'Nordmann AS',
      email: null,
      address: null,
    });
  });

  it('refuses to write personal data back into an anonymised customer', async () => {
    const id = uniqueId('cust');
    await api.db.customer.create({ data: { id, type: 'private', status: 'anonymised' } });
    const res = await request(api.app)
      .put(`/api/v1/customers/${id}`)
      .set(SERVICE)
      .send({ type: 'private', name: 'Kari', address: 'Storgata 1' })
      .expect(409);
    expect(res.body.error).toMatch(/anonymised/);
  });
});

describe('PUT /api/v1/users/{userId}', () => {
  it('creates (201) with the status from the database, then updates (200)', async () => {
    const { userId, customerId, body } = await provisionUser(api);
    const account = await api.db.userAccount.findUniqueOrThrow({ where: { id: userId }, include: { loginFactors: true } });
    expect(account).toMatchObject({ customerId, username: body.username, phone: body.phone.replace(/ /g, '') });
    expect(account.loginFactors).toMatchObject([{ phone: account.phone, enabled: true }]);

    const changed = { ...body, lastName: faker.person.lastName(), phone: '+4740000000' };
    const res = await request(api.app).put(`/api/v1/users/${userId}`).set(SERVICE).send(changed).expect(200);
    expect(res.body).toEqual({ id: userId, status: 'active', lifecycleStarted: true });
    const after = await api.db.userAccount.findUniqueOrThrow({ where: { id: userId }, include: { loginFactors: true } });
    expect(after).toMatchObject({ lastName: changed.lastName, phone: '+4740000000' });
    expect(after.loginFactors.map((f) => f.phone)).toEqual(['+4740000000']);
  });

  it("starts each subject's lifecycle at provisioning, ACTIVE and searchable, once", async () => {
    const { userId, customerId, body } = await provisionUser(api);
    for (const [kind, id] of [
      ['user', userId],
      ['customer', customerId],
    ] as const) {
      const described = await api.temporal.workflow.getHandle(`${kind}-lifecycle-${id}`).describe();
      expect(described.status.name, kind).toBe('RUNNING');
      expect(described.typedSearchAttributes.get(LifecyclePhase), kind).toBe('ACTIVE');
      expect(described.typedSearchAttributes.get(CustomerId), kind).toBe(customerId);
    }
    const firstRun = (await api.temporal.workflow.getHandle(`user-lifecycle-${userId}`).describe()).runId;
    await request(api.app).put(`/api/v1/users/${userId}`).set(SERVICE).send(body).expect(200);
    expect((await api.temporal.workflow.getHandle(`user-lifecycle-${userId}`).describe()).runId).toBe(firstRun);
  });

  it('answers 400 naming customerId for an unknown customer', async () => {
    const res = await request(api.app)
      .put(`/api/v1/users/${uniqueId('user')}`)
      .set(SERVICE)
      .send(newUserBody(uniqueId('no-such-cust')))
      .expect(400);
    expect(res.body.fields).toEqual([{ field: 'customerId', message: expect.stringMatching(/not found/) }]);
  });

  it.each(['ended', 'anonymised', 'closed'] as const)(
    'refuses (409) a user created or moved under a customer that has %s',
    async (status) => {
      const existing = await provisionUser(api);
      const ended = uniqueId('cust');
      await api.db.customer.create({ data: { id: ended, type: 'business', name: 'Avsluttet AS', status, endedAt: new Date() } });
      const created = await request(api.app)
        .put(`/api/v1/users/${uniqueId('user')}`)
        .set(SERVICE)
        .send(newUserBody(ended))
        .expect(409);
      expect(created.body.error).toMatch(new RegExp(`customer ${ended} has ended \\(${status}\\)`));
      await request(api.app)
        .put(`/api/v1/users/${existing.userId}`)
        .set(SERVICE)
        .send({ ...existing.body, customerId: ended })
        .expect(409);
      expect((await api.db.userAccount.findUniqueOrThrow({ where: { id: existing.userId } })).customerId).toBe(existing.customerId);
    },
  );

  it('answers 409 when the username belongs to another user', async () => {
    const first = await provisionUser(api);
    const body = { ...newUserBody(first.customerId), username: first.body.username };
    const res = await request(api.app)
      .put(`/api/v1/users/${uniqueId('user')}`)
      .set(SERVICE)
      .send(body)
      .expect(409);
    expect(res.body).toEqual({ error: expect.stringMatching(/username/) });
  });

  it("does not reuse a purged user's ID", async () => {
    const { customerId } = await provisionUser(api);
    const userId = uniqueId('user');
    await api.db.userAccount.create({ data: { id: userId, status: 'purged', purgedAt: new Date() } });
    await request(api.app).put(`/api/v1/users/${userId}`).set(SERVICE).send(newUserBody(customerId)).expect(409);
  });

  it('refuses (409) a re-provisioning that waited on a purge, instead of writing the personal data back into the tombstone', async () => {
    const { userId, body } = await provisionUser(api);
    // The purge activity's writes (lifecycles/user/account.ts), held uncommitted while the PUT arrives.
    const purge = new pg.Client({ connectionString: testDatabaseUrl() });
    await purge.connect();
    try {
      await purge.query('BEGIN');
      await purge.query('DELETE FROM "LoginFactor" WHERE "userId" = $1', [userId]);
      await purge.query(
        `UPDATE "UserAccount" SET status = 'purged', "purgedAt" = now(), "customerId" = NULL, username = NULL, "firstName" = NULL, "lastName" = NULL, email = NULL, phone = NULL WHERE id = $1`,
        [userId],
      );
      const put = request(api.app)
        .put(`/api/v1/users/${userId}`)
        .set(SERVICE)
        .send({ ...body, lastName: 'Sen-Oppdatering' })
        .then((res) => res);
      await waitForLockWaiter(purge);
      await purge.query('COMMIT');
      const res = await put;
      expect(res.status, JSON.stringify(res.body)).toBe(409);
      expect(res.body.error).toMatch(/purged/);
    } finally {
      await purge.end();
    }
    expect(await api.db.userAccount.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({
      status: 'purged',
      username: null,
      lastName: null,
      phone: null,
    });
    expect(await api.db.loginFactor.count({ where: { userId } })).toBe(0);
  });

  it('does not reuse an ID whose lifecycle purged it while no account row was there (409)', async () => {
    const { customerId } = await provisionUser(api);
    const userId = uniqueId('user');
    // The real purge for an ID without a row (the row vanished): it records a purge of nothing.
    await createUserAccountActivities(api.db, api.ledger).purgeUser({
      userId,
      rule: 'user.erasure',
      policyVersion: 'test',
      reason: 'art. 17',
      triggeredAt: null,
      dueAt: null,
      workflowId: `user-lifecycle-${userId}`,
      runId: 'run',
      idempotencyKey: `${userId}/purge`,
    });
    const res = await request(api.app).put(`/api/v1/users/${userId}`).set(SERVICE).send(newUserBody(customerId)).expect(409);
    expect(res.body.error).toMatch(/not reused/);
    expect(await api.db.userAccount.findUnique({ where: { id: userId } })).toBeNull();
  });
});

/** Until another session waits on a row lock the given session holds: the PUT reached its write. */
async function waitForLockWaiter(holder: pg.Client): Promise<void> {
  const pid = (await holder.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  for (let i = 0; i < 200; i++) {
    const { rows } = await holder.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [pid]);
    if (rows[0].n > 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the PUT never waited on the purge: no row lock wait seen in 5 s');
}
