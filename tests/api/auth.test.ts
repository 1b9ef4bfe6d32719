// Bearer tokens: who may call the service routes, and what stays public.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ADMIN, AUDITOR, SERVICE, useApp } from '../support/harness';

const api = useApp();
const route = '/api/v1/users/nobody-here/lifecycle';

describe('service route authentication', () => {
  it('answers 401 with a Bearer challenge when the token is missing', async () => {
    const res = await request(api.app).get(route).expect(401).expect('Content-Type', /json/);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
    expect(res.body).toEqual({ error: expect.any(String) });
  });

  it('answers 401 for an unknown token and for a non-Bearer scheme', async () => {
    const bad = await request(api.app).get(route).set('Authorization', 'Bearer not-a-token').expect(401);
    expect(bad.headers['www-authenticate']).toMatch(/error="invalid_token"/);
    await request(api.app).get(route).set('Authorization', 'Basic c2VydmljZTpzZWNyZXQ=').expect(401);
  });

  it('answers 403 to the auditor role', async () => {
    const res = await request(api.app).get(route).set(AUDITOR).expect(403);
    expect(res.body.error).toMatch(/service or admin/);
    await request(api.app).put('/api/v1/customers/c-1').set(AUDITOR).send({ type: 'business', name: 'x' }).expect(403);
  });

  it('lets the service and admin roles through', async () => {
    // The route itself answers (404: no such user), so authentication passed.
    for (const token of [SERVICE, ADMIN]) {
      const res = await request(api.app).get(route).set(token).expect(404);
      expect(res.body.error).toMatch(/user nobody-here not found/);
    }
  });

  it('authenticates before reading the body', async () => {
    await request(api.app).post('/api/v1/users/u-1/termination').set('Content-Type', 'application/json').send('{"broken').expect(401);
  });

  it('keeps health checks and the OpenAPI document public', async () => {
    await request(api.app).get('/healthz').expect(200, { status: 'ok' });
    await request(api.app).get('/readyz').expect(200);
    await request(api.app).get('/api/v1/openapi.json').expect(200);
  });
});
