// The production topology end to end: the cluster `npm run start:cluster` runs (same code, a temp
// data dir, free ports), driven over HTTP only, as a calling system, an auditor and an operator
// would, alternating between the two APIs. Builds the Temporal binaries first if they are missing
// (minutes, once per machine), then stops the cluster and checks that no process is left.
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fakerNB_NO as faker } from '@faker-js/faker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type RunningCluster } from '../../scripts/cluster/cluster';
import { clusterToolsPresent } from '../../scripts/cluster/clusterTools';
import { isRunning } from '../../scripts/cluster/isRunning';
import { freePortPlan } from '../../scripts/cluster/portPlan';
import { norwegianMobile } from '../support/subjects';

const toolsBuilt = await clusterToolsPresent();
const token = () => randomBytes(18).toString('hex');
const TOKENS = { service: token(), admin: token(), auditor: token() };
const run = `e2e-${randomBytes(3).toString('hex')}`;
const ids = { customer: `${run}-c1`, cascadeCustomer: `${run}-c2`, user: `${run}-u1`, cascadeUsers: [`${run}-u2`, `${run}-u3`] };

let cluster: RunningCluster;
let stopped = false;
let dataDir: string;
let turn = 0;
const timings: Record<string, number> = {};

/** One request to the APIs in turn, so both serve the scenario. */
async function call(method: string, route: string, role: keyof typeof TOKENS, body?: unknown, headers: Record<string, string> = {}) {
  const base = cluster.apiUrls[turn++ % cluster.apiUrls.length]!;
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { authorization: `Bearer ${TOKENS[role]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers, base };
}

async function expectStatus(method: string, route: string, role: keyof typeof TOKENS, status: number, body?: unknown) {
  const res = await call(method, route, role, body);
  expect(res.status, `${method} ${route} on ${res.base}: ${JSON.stringify(res.body)}`).toBe(status);
  return res.body;
}

/** Polls (alternating APIs) until `ok` holds for the answer; the failure message carries the worker's log. */
async function eventually<T>(what: string, get: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await get();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  const workerLog = readFileSync(path.join(cluster.logDir, 'worker-1.log'), 'utf8').split('\n').slice(-15).join('\n');
  throw new Error(`${what} not reached within ${timeoutMs / 1000} s; last answer: ${JSON.stringify(last)}\nworker-1:\n${workerLog}`);
}

const customerBody = () => ({ type: 'business', name: faker.company.name() });
const userBody = (customerId: string) => {
  const firstName = faker.person.firstName();
  const lastName = faker.person.lastName();
  return {
    customerId,
    username: `${firstName}.${lastName}.${randomBytes(3).toString('hex')}`.toLowerCase(),
    firstName,
    lastName,
    email: faker.internet.email({ firstName, lastName }).toLowerCase(),
    phone: norwegianMobile(),
  };
};

beforeAll(
  async () => {
    const t = Date.now();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'nitd-cluster-'));
    chmodSync(dataDir, 0o755); // as root, Postgres runs as the postgres user, which must pass through
    cluster = await startCluster({
      dataDir,
      ports: await freePortPlan({ apis: 2, workers: 2 }),
      appSettings: {
        API_TOKENS: Object.entries(TOKENS)
          .map(([role, t]) => `${role}:cluster-${role}:${t}`)
          .join(','),
        RETENTION_USER_QUARANTINE: 'PT10S',
      },
      echo: { servers: 'none', app: 'none' },
      log: (line) => console.log(`[cluster] ${line}`),
    });
    timings.start = Date.now() - t;
    console.log(`[cluster] started in ${(timings.start / 1000).toFixed(1)} s: ${JSON.stringify(cluster.timings)}`);
  },
  toolsBuilt ? 5 * 60_000 : 15 * 60_000,
);

// Normally the last test has stopped it; this covers a failure before.
afterAll(async () => {
  if (cluster && !stopped) await cluster.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 3 * 60_000);

describe('the production topology, natively (npm run start:cluster)', () => {
  it('runs Temporal as four services on Postgres with the compose namespace, two workers and two APIs', async () => {
    expect(cluster.apiUrls).toHaveLength(2);
    expect(cluster.appEnvSource).toMatch(/\.env\.production/);
    for (const base of cluster.apiUrls) {
      const ready = await fetch(`${base}/readyz`).then((r) => r.json());
      expect(ready).toMatchObject({ status: 'ready', checks: { database: 'ok', temporal: 'ok' } });
    }
    const args = execFileSync('ps', ['-o', 'args=', '-p', cluster.pids().join(',')], { encoding: 'utf8' });
    for (const service of ['frontend', 'history', 'matching', 'worker']) expect(args).toContain(`start --service ${service}`);
    expect(args.match(/worker\/main\.ts/g)).toHaveLength(2);
    expect(args.match(/api\/server\.ts/g)).toHaveLength(2);
  });

  it("provisions, purges a terminated user after its quarantine, and cascades a customer's termination", async () => {
    await expectStatus('PUT', `/api/v1/customers/${ids.customer}`, 'service', 201, customerBody());
    await expectStatus('PUT', `/api/v1/customers/${ids.cascadeCustomer}`, 'service', 201, customerBody());
    await expectStatus('PUT', `/api/v1/users/${ids.user}`, 'service', 201, userBody(ids.customer));
    for (const id of ids.cascadeUsers) await expectStatus('PUT', `/api/v1/users/${id}`, 'service', 201, userBody(ids.cascadeCustomer));

    const t = Date.now();
    const terminated = await expectStatus('POST', `/api/v1/users/${ids.user}/termination`, 'service', 202, { reasonCode: 'employee-left' });
    expect(terminated).toMatchObject({ userId: ids.user, phase: 'QUARANTINED' });
    const purged = await eventually(
      'user PURGED',
      () => call('GET', `/api/v1/users/${ids.user}/lifecycle`, 'service').then((r) => r.body),
      (view) => view?.phase === 'PURGED',
    );
    timings.purge = Date.now() - t;
    expect(purged).toMatchObject({ userId: ids.user, phase: 'PURGED', quarantine: 'PT10S', evidenceId: expect.any(String) });

    await expectStatus('POST', `/api/v1/customers/${ids.cascadeCustomer}/termination`, 'service', 202, { reasonCode: 'customer-ended' });
    const customer = await eventually(
      'customer cascade done',
      () => call('GET', `/api/v1/customers/${ids.cascadeCustomer}/lifecycle`, 'service').then((r) => r.body),
      (view) => view?.cascade?.done === true,
    );
    expect(customer).toMatchObject({
      customerId: ids.cascadeCustomer,
      phase: 'ENDED',
      cascade: { action: 'terminate', done: true, usersDone: 2 },
    });
    for (const id of ids.cascadeUsers) {
      const view = await expectStatus('GET', `/api/v1/users/${id}/lifecycle`, 'service', 200);
      expect(['QUARANTINED', 'PURGED']).toContain(view.phase);
    }
  });

  it("decodes a payload of the user's workflow history through the API's codec endpoint", async () => {
    const { workflowId } = await expectStatus('GET', `/api/v1/users/${ids.user}/lifecycle`, 'service', 200);
    const history = await expectStatus('GET', `/api/admin/lifecycles/${encodeURIComponent(workflowId)}/history/raw`, 'admin', 200);
    const started = history.events[0].workflowExecutionStartedEventAttributes;
    const payload = started.input.payloads[0];
    expect(Buffer.from(payload.metadata.encoding, 'base64').toString()).toBe('binary/encrypted'); // Temporal holds ciphertext only
    const decoded = await call('POST', '/codec/decode', 'admin', { payloads: [payload] }, { 'x-namespace': cluster.namespace });
    expect(decoded.status).toBe(200);
    const [plain] = decoded.body.payloads;
    expect(Buffer.from(plain.metadata.encoding, 'base64').toString()).toBe('json/plain');
    expect(Buffer.from(plain.data, 'base64').toString()).toContain(ids.user);
  });

  it('serves the Temporal Web UI with the codec endpoint of the first API, when its server is built', async (ctx) => {
    if (!cluster.uiUrl) ctx.skip(); // cluster.uiNote says why; docs/cluster.md records the outcome here
    const html = await fetch(`${cluster.uiUrl}/`).then((r) => r.text());
    expect(html).toMatch(/<html/i);
    const settings = (await fetch(`${cluster.uiUrl}/api/v1/settings`).then((r) => r.json())) as {
      Codec: { Endpoint: string };
      DefaultNamespace: string;
    };
    // No credential in the URL: admins sign in at the API's /codec/session (a decode-only cookie).
    expect(settings.Codec.Endpoint).toBe(`${cluster.apiUrls[0]}/codec`);
    expect(settings.DefaultNamespace).toBe(cluster.namespace);
  });

  it("keeps an intact evidence chain, with the purged user's receipt", async () => {
    expect(await expectStatus('GET', '/api/audit/evidence/verify', 'auditor', 200)).toMatchObject({ ok: true });
    const receipt = await expectStatus('GET', `/api/audit/receipts/user/${ids.user}`, 'auditor', 200);
    expect(receipt).toMatchObject({ subjectKind: 'user', subjectId: ids.user, erasedAt: expect.any(String) });
    expect(receipt.erasures.length).toBeGreaterThan(0);
  });

  it("lists those lifecycles in the console's list", async () => {
    const query = `filter=${encodeURIComponent(JSON.stringify({ q: run }))}&range=${encodeURIComponent('[0,49]')}&sort=${encodeURIComponent('["id","ASC"]')}`;
    const rows = await eventually(
      'lifecycles listed',
      () =>
        call('GET', `/api/admin/lifecycles?${query}`, 'auditor').then((r) =>
          r.status === 200 ? (r.body as { subjectId: string; kind: string; phase: string }[]) : [],
        ),
      (list) =>
        list.some((r) => r.subjectId === ids.user && r.phase === 'PURGED') &&
        list.some((r) => r.subjectId === ids.cascadeCustomer && r.kind === 'customer'),
      30_000,
    );
    expect(rows.map((r) => r.subjectId)).toEqual(expect.arrayContaining([ids.user, ids.cascadeCustomer, ...ids.cascadeUsers]));
  });

  it('gets past a SIGKILLed history service and worker: a user terminated across the faults is purged, once', async () => {
    const id = `${run}-u4`;
    await expectStatus('PUT', `/api/v1/users/${id}`, 'service', 201, userBody(ids.customer));
    await expectStatus('POST', `/api/v1/users/${id}/termination`, 'service', 202, { reasonCode: 'employee-left' });
    await cluster.drill.kill('temporal-history');
    await cluster.drill.kill('worker-1');
    const gone = [cluster.pidOf('temporal-history'), cluster.pidOf('worker-1')];
    await new Promise((r) => setTimeout(r, 3_000));
    await cluster.drill.restart('temporal-history');
    // worker-2 alone purges; worker-1 comes back afterwards, as a new process.
    await eventually(
      'user PURGED after the faults',
      () => call('GET', `/api/v1/users/${id}/lifecycle`, 'service').then((r) => r.body),
      (view) => view?.phase === 'PURGED',
      180_000,
    );
    await cluster.drill.restart('worker-1');
    expect([cluster.pidOf('temporal-history'), cluster.pidOf('worker-1')]).not.toEqual(gone);
    expect(gone.filter((pid) => pid !== undefined && isRunning(pid))).toEqual([]);
    const receipt = await expectStatus('GET', `/api/audit/receipts/user/${id}`, 'auditor', 200);
    expect((receipt.erasures as { action: string }[]).filter((e) => e.action === 'purge')).toHaveLength(1);
    // The killed processes were the drill's doing, not failures (cluster.failed would have settled).
    expect(await Promise.race([cluster.failed, Promise.resolve(undefined)])).toBeUndefined();
  }, 300_000);

  it('stops everything it started, in order, and leaves no process behind', async () => {
    const pids = cluster.pids();
    expect(pids.length).toBeGreaterThanOrEqual(10); // postgres, 4 Temporal, UI, 2 workers, 2 APIs, watchdog
    const t = Date.now();
    await cluster.stop();
    timings.stop = Date.now() - t;
    console.log(`[cluster] timings (ms): ${JSON.stringify(timings)}`);
    stopped = true;
    const alive = isRunning;
    // The watchdog exits on its own once told the stop is done; give it a moment.
    const deadline = Date.now() + 5_000;
    while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(pids.filter(alive), 'processes left').toEqual([]);
    const leftovers = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.includes(dataDir));
    expect(leftovers).toEqual([]);
  });
});
