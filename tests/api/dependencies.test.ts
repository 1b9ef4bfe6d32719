// Health probes and outages: an unreachable Postgres or Temporal is a 503 naming it, and the log
// line about it holds IDs only, never the personal data in the request.
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import pino from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { createDb, type Db } from '../../db/client';
import { testDatabaseUrl } from '../support/env';
import { uniqueId } from '../support/subjects';
import { SERVICE, useApp } from '../support/harness';
import { provisionUser } from '../support/http';
import { newUserBody } from '../support/subjects';

const api = useApp();
let deadPort: number;
const closers: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  // A port nothing listens on: connections are refused at once.
  const probe = createServer().listen(0);
  await new Promise((resolve) => probe.once('listening', resolve));
  deadPort = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
});
afterAll(async () => {
  for (const close of closers) await close();
});

function deadDb(): Db {
  const url = new URL(testDatabaseUrl());
  url.hostname = '127.0.0.1';
  url.port = String(deadPort);
  const db = createDb(url.toString());
  closers.push(() => db.$disconnect());
  return db;
}

function deadTemporal(): Client {
  // Two attempts instead of the SDK's ten, so the test does not sit through the full backoff.
  const retry = makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 2 }));
  const connection = Connection.lazy({ address: `127.0.0.1:${deadPort}`, interceptors: [retry] });
  closers.push(() => connection.close());
  return new Client({ connection });
}

function capturedLog() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), text: () => lines.join('') };
}

describe('health', () => {
  it('is live and ready with Postgres and Temporal up', async () => {
    await request(api.app).get('/healthz').expect(200, { status: 'ok' });
    const res = await request(api.app).get('/readyz').expect(200);
    expect(res.body).toEqual({ status: 'ready', checks: { database: 'ok', temporal: 'ok' } });
  });

  it('is not ready, naming Temporal, when Temporal is unreachable', async () => {
    const app = createApp({ db: api.db, temporal: deadTemporal(), config: api.config, logger: pino({ level: 'silent' }) });
    const started = Date.now();
    const res = await request(app).get('/readyz').expect(503);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(res.body).toMatchObject({ error: expect.stringMatching(/temporal/), checks: { database: 'ok', temporal: 'failed' } });
  });

  it('is not ready when the configured namespace does not exist', async () => {
    const config = { ...api.config, temporal: { ...api.config.temporal, namespace: uniqueId('no-such-namespace') } };
    const app = createApp({ db: api.db, temporal: api.temporal, config, logger: pino({ level: 'silent' }) });
    const res = await request(app).get('/readyz').expect(503);
    expect(res.body.checks).toEqual({ database: 'ok', temporal: 'failed' });
  });

  it('is not ready, naming the database, when Postgres is unreachable', async () => {
    const app = createApp({ db: deadDb(), temporal: api.temporal, config: api.config, logger: pino({ level: 'silent' }) });
    const res = await request(app).get('/readyz').expect(503);
    expect(res.body).toMatchObject({ error: expect.stringMatching(/database/), checks: { database: 'failed', temporal: 'ok' } });
  });
});

describe('outages', () => {
  it('answers 503 when Postgres is down, and logs no personal data', async () => {
    const log = capturedLog();
    const app = createApp({ db: deadDb(), temporal: api.temporal, config: api.config, logger: log.logger });
    const body = newUserBody('cust-1');
    const userId = uniqueId('user');
    const res = await request(app).put(`/api/v1/users/${userId}`).set(SERVICE).send(body).expect(503);
    expect(res.body).toEqual({ error: expect.stringMatching(/database/) });
    expect(log.text()).toContain(userId);
    expect(log.text()).toContain(res.headers['x-request-id']);
    for (const value of Object.values(body)) expect(log.text()).not.toContain(value);
  });

  it('provisions a user while Temporal is down, saying its lifecycle has not started (reconciliation starts it)', async () => {
    const customer = await provisionUser(api);
    const app = createApp({ db: api.db, temporal: deadTemporal(), config: api.config, logger: pino({ level: 'silent' }) });
    const userId = uniqueId('user');
    const res = await request(app).put(`/api/v1/users/${userId}`).set(SERVICE).send(newUserBody(customer.customerId)).expect(201);
    expect(res.body).toEqual({ id: userId, status: 'active', lifecycleStarted: false });
    expect(await api.db.userAccount.count({ where: { id: userId } })).toBe(1);
  }, 20_000);

  it('answers 503 when Temporal is down', async () => {
    const { userId } = await provisionUser(api);
    const app = createApp({ db: api.db, temporal: deadTemporal(), config: api.config, logger: pino({ level: 'silent' }) });
    const res = await request(app).get(`/api/v1/users/${userId}/lifecycle`).set(SERVICE).expect(503);
    expect(res.body).toEqual({ error: expect.stringMatching(/Temporal/) });
  }, 20_000);
});
