// HTTP hardening: security headers on every answer (helmet), and the request budgets
// (express-rate-limit) per token, per address on the public routes, and per address for refused
// credentials. Each test has an app with small budgets of its own; callers' addresses are told apart
// by X-Forwarded-For, trusted from loopback as a proxy in front would be.
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../testkit/app';
import { ADMIN, AUDITOR, SERVICE } from '../support/harness';
import { testDatabaseUrl, testTemporalAddress } from '../support/env';

let running: RunningApp | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function appWith(budgets: Record<string, string>) {
  running = await startApp({
    databaseUrl: testDatabaseUrl(),
    temporalAddress: testTemporalAddress(),
    env: { TRUST_PROXY: 'loopback', ...budgets },
  });
  return running.app;
}
const from = (address: string) => ({ 'X-Forwarded-For': address });

describe('security headers', () => {
  it('sets helmet headers and a CSP that allows only the console own scripts', async () => {
    const app = await appWith({});
    const res = await request(app).get('/healthz').expect(200);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'self'/);
    expect(res.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('rate limits', () => {
  it('gives each token its own budget per minute', async () => {
    const app = await appWith({ RATE_LIMIT_PER_TOKEN: '3' });
    for (let i = 0; i < 3; i++) await request(app).get('/api/v1/users/nobody/lifecycle').set(SERVICE).expect(404);
    const limited = await request(app).get('/api/v1/users/nobody/lifecycle').set(SERVICE).expect(429);
    expect(limited.body.error).toMatch(/more than 3 a minute with this credential/);
    expect(limited.headers['ratelimit-policy']).toMatch(/q=3/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another token from the same address is not held up by it.
    await request(app).get('/api/v1/users/nobody/lifecycle').set(ADMIN).expect(404);
    await request(app).get('/api/admin/whoami').set(AUDITOR).expect(200);
  });

  it('gives each address a budget on the routes anyone may call', async () => {
    const app = await appWith({ RATE_LIMIT_PER_ADDRESS: '3' });
    for (let i = 0; i < 3; i++) await request(app).get('/healthz').set(from('198.51.100.7')).expect(200);
    await request(app).get('/healthz').set(from('198.51.100.7')).expect(429);
    await request(app).get('/api/v1/openapi.json').set(from('198.51.100.7')).expect(429);
    await request(app).get('/no/such/page').set(from('198.51.100.7')).expect(429);
    await request(app).get('/healthz').set(from('198.51.100.8')).expect(200);
    // Authenticated routes count against the token, not the address.
    await request(app).get('/api/admin/whoami').set(ADMIN).set(from('198.51.100.7')).expect(200);
  });

  it('stops an address that keeps sending wrong tokens, before checking even a right one', async () => {
    const app = await appWith({ RATE_LIMIT_AUTH_FAILURES: '3' });
    const guesser = from('203.0.113.9');
    await request(app).get('/api/admin/whoami').set(guesser).set('Authorization', 'Bearer guess-1').expect(401);
    await request(app).post('/codec/session').set(guesser).type('form').send({ token: 'guess-2' }).expect(401);
    await request(app).get('/api/v1/users/x/lifecycle').set(guesser).set('Authorization', 'Bearer guess-3').expect(401);
    const blocked = await request(app).get('/api/admin/whoami').set(guesser).set('Authorization', 'Bearer guess-4').expect(429);
    expect(blocked.body.error).toMatch(/failed authentications/);
    // A right token from that address learns nothing either, until the window ends...
    await request(app).get('/api/admin/whoami').set(guesser).set(ADMIN).expect(429);
    // ...while other addresses, and requests without a credential, are unaffected.
    await request(app).get('/api/admin/whoami').set(from('203.0.113.10')).set(ADMIN).expect(200);
    await request(app).get('/api/admin/whoami').set(from('203.0.113.10')).set('Authorization', 'Bearer guess-5').expect(401);
    // Only refusals count: a busy, well-behaved caller never uses this budget up.
    for (let i = 0; i < 10; i++) await request(app).get('/api/admin/whoami').set(from('203.0.113.11')).set(ADMIN).expect(200);
  });
});
