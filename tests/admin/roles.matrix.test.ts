// Every route × every caller: no token and a wrong token → 401, a role without access → 403, a
// role with access gets past authorization (200, or 404/400 for the probe's made-up IDs and empty
// bodies, which proves the handler ran). Routes are listed here by hand on purpose: a new route
// must be added to this table, and the last test fails if an admin route exists that is not in it.
import request from 'supertest';
import { adminRouter, type AdminApiDeps } from '../../api/admin/router';
import { describe, expect, it } from 'vitest';
import { ADMIN, AUDITOR, SERVICE, useApp } from '../support/harness';

const api = useApp();

type Caller = 'none' | 'invalid' | 'service' | 'auditor' | 'admin';
const HEADERS: Record<Caller, Record<string, string>> = {
  none: {},
  invalid: { Authorization: 'Bearer not-a-token' },
  service: SERVICE,
  auditor: AUDITOR,
  admin: ADMIN,
};

const READ = { none: 401, invalid: 401, service: 403, auditor: 'ok', admin: 'ok' } as const;
const ACT = { none: 401, invalid: 401, service: 403, auditor: 403, admin: 'ok' } as const;
const SERVICE_ROUTE = { none: 401, invalid: 401, service: 'ok', auditor: 403, admin: 'ok' } as const;

const ROUTES: [method: 'get' | 'post' | 'put', path: string, expected: Record<Caller, number | 'ok'>][] = [
  ['get', '/api/admin/whoami', READ],
  ['get', '/api/admin/dashboard', READ],
  ['get', '/api/admin/kinds', READ],
  ['get', '/api/admin/lifecycles', READ],
  ['get', '/api/admin/lifecycles/user-lifecycle-nobody', READ],
  ['get', '/api/admin/lifecycles/user-lifecycle-nobody/history', READ],
  ['get', '/api/admin/lifecycles/user-lifecycle-nobody/history/raw', READ],
  ['get', '/api/admin/lifecycles/user-lifecycle-nobody/history/decoded', READ],
  ['get', '/api/admin/lifecycles/user-lifecycle-nobody/live', READ],
  ['get', '/api/admin/lifecycles/presence?ids=%5B%22user-lifecycle-nobody%22%5D', READ],
  ['post', '/api/admin/lifecycles/user-lifecycle-nobody/hold', ACT],
  ['post', '/api/admin/lifecycles/user-lifecycle-nobody/release', ACT],
  ['post', '/api/admin/lifecycles/user-lifecycle-nobody/restore', ACT],
  ['post', '/api/admin/lifecycles/user-lifecycle-nobody/erasure', ACT],
  ['post', '/api/admin/lifecycles/user-lifecycle-nobody/cancel', ACT],
  ['post', '/api/admin/lifecycles/user-lifecycle-nobody/repair', ACT],
  ['get', '/api/admin/dashboard/checks', READ],
  ['get', '/api/admin/receipts/user/nobody', READ],
  ['get', '/api/admin/ledger/verify', READ],
  ['get', '/api/admin/users', READ],
  ['get', '/api/admin/users/nobody', READ],
  ['get', '/api/admin/customers', READ],
  ['get', '/api/admin/customers/nobody', READ],
  ['get', '/api/admin/contacts', READ],
  ['get', '/api/admin/contacts/nobody', READ],
  ['get', '/api/admin/evidence', READ],
  ['get', '/api/admin/evidence/nothing', READ],
  ['get', '/api/admin/reconciliation', READ],
  ['get', '/api/admin/reconciliation/nothing', READ],
  // Admin: starts a run on this file's own queue, which no worker polls (202).
  ['post', '/api/admin/reconciliation/run', ACT],
  ['get', '/api/admin/inventory', READ],
  ['get', '/api/admin/conformance/status', READ],
  ['get', '/api/admin/conformance/findings', READ],
  ['get', '/api/admin/conformance/findings/nothing', READ],
  ['post', '/api/admin/conformance/findings/nothing/repair', ACT],
  ['get', '/api/admin/conformance/scans', READ],
  ['get', '/api/admin/conformance/scans/nothing', READ],
  // Admin: starts a scan on this file's own queue, which no worker polls (202).
  ['post', '/api/admin/conformance/scans/run', ACT],
  ['get', '/api/audit/inventory', READ],
  ['get', '/api/audit/evidence/verify', READ],
  ['put', '/api/v1/customers/nobody', SERVICE_ROUTE],
  ['post', '/api/v1/customers/nobody/termination', SERVICE_ROUTE],
  ['post', '/api/v1/customers/nobody/restore', SERVICE_ROUTE],
  ['post', '/api/v1/customers/nobody/erasure', SERVICE_ROUTE],
  ['post', '/api/v1/customers/nobody/hold', SERVICE_ROUTE],
  ['post', '/api/v1/customers/nobody/release', SERVICE_ROUTE],
  ['get', '/api/v1/customers/nobody/lifecycle', SERVICE_ROUTE],
  ['put', '/api/v1/users/nobody', SERVICE_ROUTE],
  ['post', '/api/v1/users/nobody/termination', SERVICE_ROUTE],
  ['post', '/api/v1/users/nobody/restore', SERVICE_ROUTE],
  ['post', '/api/v1/users/nobody/erasure', SERVICE_ROUTE],
  ['post', '/api/v1/users/nobody/hold', SERVICE_ROUTE],
  ['post', '/api/v1/users/nobody/release', SERVICE_ROUTE],
  ['get', '/api/v1/users/nobody/lifecycle', SERVICE_ROUTE],
  ['put', '/api/v1/customers/nobody/contacts/nobody', SERVICE_ROUTE],
  ['post', '/api/v1/customers/nobody/contacts/nobody/departure', SERVICE_ROUTE],
  ['post', '/api/v1/customers/nobody/contacts/nobody/restore', SERVICE_ROUTE],
  ['post', '/api/v1/customers/nobody/contacts/nobody/erasure', SERVICE_ROUTE],
  ['post', '/api/v1/customers/nobody/contacts/nobody/hold', SERVICE_ROUTE],
  ['post', '/api/v1/customers/nobody/contacts/nobody/release', SERVICE_ROUTE],
  ['get', '/api/v1/customers/nobody/contacts/nobody/lifecycle', SERVICE_ROUTE],
  ['post', '/api/v1/support-cases', SERVICE_ROUTE],
  ['post', '/api/v1/support-cases/nobody/closure', SERVICE_ROUTE],
  ['put', '/api/v1/support-cases/nobody', SERVICE_ROUTE],
  ['post', '/api/v1/support-cases/nobody/termination', SERVICE_ROUTE],
  ['post', '/api/v1/support-cases/nobody/restore', SERVICE_ROUTE],
  ['post', '/api/v1/support-cases/nobody/erasure', SERVICE_ROUTE],
  ['post', '/api/v1/support-cases/nobody/hold', SERVICE_ROUTE],
  ['post', '/api/v1/support-cases/nobody/release', SERVICE_ROUTE],
  ['get', '/api/v1/support-cases/nobody/lifecycle', SERVICE_ROUTE],
  ['get', '/api/admin/support-cases', READ],
  ['get', '/api/admin/support-cases/nobody', READ],
  ['put', '/api/v1/prospects/nobody', SERVICE_ROUTE],
  ['post', '/api/v1/prospects/nobody/contact', SERVICE_ROUTE],
  ['post', '/api/v1/prospects/nobody/conversion', SERVICE_ROUTE],
  ['post', '/api/v1/prospects/nobody/termination', SERVICE_ROUTE],
  ['post', '/api/v1/prospects/nobody/restore', SERVICE_ROUTE],
  ['post', '/api/v1/prospects/nobody/erasure', SERVICE_ROUTE],
  ['post', '/api/v1/prospects/nobody/hold', SERVICE_ROUTE],
  ['post', '/api/v1/prospects/nobody/release', SERVICE_ROUTE],
  ['get', '/api/v1/prospects/nobody/lifecycle', SERVICE_ROUTE],
  ['get', '/api/admin/prospects', READ],
  ['get', '/api/admin/prospects/nobody', READ],
];

const cases = ROUTES.flatMap(([method, path, expected]) =>
  (Object.keys(HEADERS) as Caller[]).map((caller) => [`${method.toUpperCase()} ${path}`, caller, method, path, expected[caller]] as const),
);

describe('route × role matrix', () => {
  it.each(cases)('%s as %s', async (_name, caller, method, path, expected) => {
    const res = await request(api.app)[method](path).set(HEADERS[caller]).send({ reasonCode: 'other' });
    if (expected === 'ok') {
      // Past authentication and authorization: the handler answered (made-up IDs → 404, bodies → 400,
      // a started reconciliation → 202). A 404 must be the handler's own, not the app's "no route":
      // a route missing from the router would otherwise count as authorised.
      expect([200, 202, 400, 404]).toContain(res.status);
      if (res.status === 404) expect(res.body.error).not.toMatch(/^no route for /);
    } else {
      expect(res.status).toBe(expected);
    }
    if (res.status === 401) expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('has every /api/admin route of the router in the table', async () => {
    const router = adminRouter({
      db: api.db,
      temporal: api.temporal,
      policy: api.config.policy,
      taskQueue: api.config.temporal.taskQueue,
      temporalRetentionMs: api.config.temporal.retentionMs,
      ageingEveryMs: api.config.ageingEveryMs,
      requireRole: () => (_q, _s, n) => n(),
      services: {} as AdminApiDeps['services'],
      ledger: api.ledger,
    });
    const routes: string[] = [];
    const walk = (stack: unknown[], prefix: string) => {
      for (const layer of stack as {
        route?: { path: string; methods: Record<string, boolean> };
        handle?: { stack?: unknown[] };
        matchers?: unknown;
        regexp?: RegExp;
        slash?: boolean;
        name?: string;
        path?: string;
      }[]) {
        if (layer.route) {
          for (const m of Object.keys(layer.route.methods)) routes.push(`${m} ${prefix}${layer.route.path}`.replace(/\/$/, ''));
        } else if (layer.handle?.stack) {
          const mount = mountPath(layer);
          walk(layer.handle.stack, prefix + mount);
        }
      }
    };
    walk((router as unknown as { stack: unknown[] }).stack, '/api/admin');
    const covered = ROUTES.map(([m, p]) => `${m} ${p.split('?')[0]}`);
    for (const route of routes) {
      const pattern = new RegExp(`^${route.replace(/:[a-z]+/gi, '[^/]+')}$`);
      expect(
        covered.some((c) => pattern.test(c)),
        `${route} is not in the role matrix`,
      ).toBe(true);
    }
    expect(routes.length).toBeGreaterThanOrEqual(11);
  });
});

// Express 5 (router 2) keeps a mounted router's path only as a matcher; recover it from the prefixes we use.
function mountPath(layer: { regexp?: RegExp; matchers?: unknown }): string {
  const known = [
    '/lifecycles',
    '/users',
    '/customers',
    '/contacts',
    '/support-cases',
    '/prospects',
    '/evidence',
    '/reconciliation',
    '/conformance',
  ];
  for (const p of known) {
    const matchers = (layer as { matchers?: ((path: string) => unknown)[] }).matchers;
    if (matchers?.some((m) => m(p + '/x'))) return p;
  }
  return '';
}
