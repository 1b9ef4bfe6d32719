// Bad input is always a 4xx JSON answer naming the field, never a 5xx; nothing reaches Temporal.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { SERVICE, useApp } from '../support/harness';

const api = useApp();
const user = '/api/v1/users/u-validation';

function post(path: string) {
  return request(api.app).post(path).set(SERVICE);
}

function expectField(res: request.Response, field: string, message?: RegExp) {
  expect(res.headers['content-type']).toMatch(/json/);
  expect(res.body.error).toEqual(expect.any(String));
  const named = (res.body.fields ?? []).filter((f: { field: string }) => f.field === field);
  expect(named, `fields: ${JSON.stringify(res.body.fields)}`).toHaveLength(1);
  if (message) expect(named[0].message).toMatch(message);
}

describe('IDs', () => {
  it.each(['ola@nitd.no', '-leading-dash', 'has space', 'x'.repeat(65), 'æøå'])('refuses user ID %j', async (id) => {
    const res = await request(api.app)
      .get(`/api/v1/users/${encodeURIComponent(id)}/lifecycle`)
      .set(SERVICE)
      .expect(400);
    expectField(res, 'userId');
  });

  it('refuses a bad customer ID in the path and in a body', async () => {
    expectField(
      await request(api.app).put('/api/v1/customers/a@b').set(SERVICE).send({ type: 'business', name: 'x' }).expect(400),
      'customerId',
    );
    const body = { customerId: 'kari@nordmann.no', username: 'u', firstName: 'a', lastName: 'b', email: 'a@b.no', phone: '+4791234567' };
    expectField(await request(api.app).put(`${user}`).set(SERVICE).send(body).expect(400), 'customerId');
  });

  it('answers 400 for an undecodable path', async () => {
    const res = await request(api.app).get('/api/v1/users/%E0%A4%A/lifecycle').set(SERVICE).expect(400);
    expect(res.body.error).toEqual(expect.any(String));
  });
});

describe('reasons', () => {
  it.each([
    ['an e-mail address', 'sluttet, se kari.nordmann@example.com', /e-mail/],
    ['a phone number', 'ring +47 912 34 567', /phone/],
    ['a run of 8 digits', 'ref 12345678', /8 or more digits/],
    ['nothing', '   ', /empty/],
    ['too much', 'x'.repeat(501), /500/],
  ])('refuses a note with %s', async (_what, note, message) => {
    expectField(await post(`${user}/hold`).send({ reasonCode: 'legal-hold', note }).expect(400), 'note', message);
    expectField(await post(`${user}/termination`).send({ reasonCode: 'employee-left', note }).expect(400), 'note', message);
  });

  it('accepts dates in a note (not phone numbers)', async () => {
    // 404: validation passed and the user does not exist.
    await post(`${user}/hold`).send({ reasonCode: 'legal-hold', note: 'revisjon 2025-11-30, sak 30.11.2025' }).expect(404);
  });

  it('requires a reason code from the list for erasure, hold and release', async () => {
    for (const action of ['erasure', 'hold', 'release']) {
      expectField(await post(`${user}/${action}`).send({}).expect(400), 'reasonCode', /employee-left/);
      expectField(await post(`${user}/${action}`).expect(400), 'reasonCode', /employee-left/);
      expectField(await post(`${user}/${action}`).send({ reasonCode: 'because' }).expect(400), 'reasonCode', /must be one of/);
    }
  });

  it('refuses the old free-text reason, naming it and what replaced it', async () => {
    for (const action of ['termination', 'erasure', 'hold', 'release', 'restore']) {
      expectField(await post(`${user}/${action}`).send({ reason: 'sluttet' }).expect(400), 'reason', /replaced by reasonCode/);
    }
  });
});

describe('terminatedAt', () => {
  it('refuses a time more than 5 minutes ahead', async () => {
    const ahead = new Date(Date.now() + 10 * 60_000).toISOString();
    expectField(await post(`${user}/termination`).send({ terminatedAt: ahead }).expect(400), 'terminatedAt', /future/);
  });

  it('accepts a small clock skew', async () => {
    const skewed = new Date(Date.now() + 60_000).toISOString();
    await post(`${user}/termination`).send({ terminatedAt: skewed }).expect(404);
  });

  it.each(['1999-12-31T23:59:59Z', '2026-01-31', '2026-01-31T17:00:00', 'yesterday', '2026-02-30T10:00:00Z', 1700000000000])(
    'refuses %j',
    async (terminatedAt) => {
      expectField(await post(`${user}/termination`).send({ terminatedAt }).expect(400), 'terminatedAt');
    },
  );

  it('names a misspelt field instead of ignoring it', async () => {
    expectField(
      await post(`${user}/termination`).send({ terminated_at: '2025-01-01T00:00:00Z' }).expect(400),
      'terminated_at',
      /not a known field/,
    );
  });
});

describe('bodies', () => {
  it('answers 415 to a non-JSON body', async () => {
    const res = await post(`${user}/termination`).set('Content-Type', 'text/plain').send('terminatedAt=now').expect(415);
    expect(res.body).toEqual({ error: expect.stringMatching(/application\/json/) });
    await post(`${user}/hold`).type('form').send({ reasonCode: 'legal-hold', note: 'x' }).expect(415);
    await request(api.app).put(user).set(SERVICE).set('Content-Type', 'application/xml').send('<user/>').expect(415);
  });

  it('answers 413 to a body over 100 kB', async () => {
    const res = await post(`${user}/termination`)
      .send({ reason: 'legal-hold'.repeat(200_000) })
      .expect(413);
    expect(res.body).toEqual({ error: expect.stringMatching(/too large/) });
  });

  it('answers 400 to malformed JSON without quoting it', async () => {
    const res = await post(`${user}/hold`).set('Content-Type', 'application/json').send('{"reason": kari@nordmann.no').expect(400);
    expect(res.body).toEqual({ error: 'malformed JSON body' });
  });

  it('answers 400 naming the body when it is not an object', async () => {
    expectField(await post(`${user}/hold`).set('Content-Type', 'application/json').send('["reason"]').expect(400), 'body');
    await post(`${user}/hold`).set('Content-Type', 'application/json').send('"reason"').expect(400);
  });

  it('names every bad provisioning field', async () => {
    const res = await request(api.app)
      .put(user)
      .set(SERVICE)
      .send({ customerId: 'c-1', username: '', firstName: 'Kari', email: 'not-an-address', phone: '91234567' })
      .expect(400);
    for (const field of ['username', 'lastName', 'email', 'phone']) expectField(res, field);
  });

  it.each(['+47 912 34 56', '+47 9123 45678', '0047 91234567', '+47 abc'])('refuses phone %j', async (phone) => {
    const body = { customerId: 'c-1', username: 'u', firstName: 'a', lastName: 'b', email: 'a@b.no', phone };
    expectField(await request(api.app).put(user).set(SERVICE).send(body).expect(400), 'phone');
  });

  it('refuses a private customer without an address', async () => {
    const res = await request(api.app)
      .put('/api/v1/customers/c-private')
      .set(SERVICE)
      .send({ type: 'private', name: 'Kari Nordmann' })
      .expect(400);
    expectField(res, 'address', /private/);
    expectField(await request(api.app).put('/api/v1/customers/c-x').set(SERVICE).send({ type: 'person', name: 'x' }).expect(400), 'type');
  });
});

describe('unknown routes', () => {
  it('answers 404 JSON', async () => {
    expect((await request(api.app).get('/nope').expect(404)).body).toEqual({ error: expect.any(String) });
    await request(api.app).delete(user).set(SERVICE).expect(404);
    await request(api.app).get('/api/v1/users').set(SERVICE).expect(404);
  });
});
