// The API under test, wired to the real Postgres and Temporal dev server of the test infra.
// No worker runs here: these tests cover what the API decides on its own.
import { fakerNB_NO as faker } from '@faker-js/faker';
import type { Client } from '@temporalio/client';
import pino from 'pino';
import request from 'supertest';
import { afterAll, beforeAll } from 'vitest';
import { createApp } from '../../api/app';
import { loadConfig, type AppConfig } from '../../config/env';
import { createDb, type Db } from '../../db/client';
import { createTemporalClient } from '../../temporal/client';
import { testDatabaseUrl, testTemporalAddress } from '../support/env';
import { norwegianMobile, uniqueId } from '../support/subjects';

export const TOKENS = { service: 'api-test-service', admin: 'api-test-admin', auditor: 'api-test-auditor' };
export const SERVICE = { Authorization: `Bearer ${TOKENS.service}` };
export const ADMIN = { Authorization: `Bearer ${TOKENS.admin}` };
export const AUDITOR = { Authorization: `Bearer ${TOKENS.auditor}` };

export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: testDatabaseUrl(),
    TEMPORAL_ADDRESS: testTemporalAddress(),
    // A queue no worker polls, so nothing here can start real lifecycle work by accident.
    TEMPORAL_TASK_QUEUE: uniqueId('api-test'),
    API_TOKENS: Object.entries(TOKENS).map(([role, token]) => `${role}:${token}`).join(','),
    ...overrides,
  });
}

export interface Api {
  app: ReturnType<typeof createApp>;
  db: Db;
  temporal: Client;
  config: AppConfig;
}

/** Creates the app once per test file and closes its connections afterwards. */
export function useApi(): Api {
  const api = {} as Api;
  beforeAll(async () => {
    api.config = testConfig();
    api.db = createDb(testDatabaseUrl());
    api.temporal = await createTemporalClient(api.config);
    api.app = createApp({ db: api.db, temporal: api.temporal, config: api.config, logger: pino({ level: 'silent' }) });
  });
  afterAll(async () => {
    await api.temporal?.connection.close();
    await api.db?.$disconnect();
  });
  return api;
}

export function newUserBody(customerId: string) {
  const firstName = faker.person.firstName();
  const lastName = faker.person.lastName();
  return {
    customerId,
    username: `${firstName}.${lastName}.${faker.string.alphanumeric(6)}`.toLowerCase(),
    firstName,
    lastName,
    email: faker.internet.email({ firstName, lastName }).toLowerCase(),
    phone: norwegianMobile(),
  };
}

/** A customer and a user provisioned through the API, as a calling service would. */
export async function provisionUser(api: Api): Promise<{ userId: string; customerId: string; body: ReturnType<typeof newUserBody> }> {
  const customerId = uniqueId('cust');
  const userId = uniqueId('user');
  await request(api.app).put(`/api/v1/customers/${customerId}`).set(SERVICE).send({ type: 'business', name: faker.company.name() }).expect(201);
  const body = newUserBody(customerId);
  await request(api.app).put(`/api/v1/users/${userId}`).set(SERVICE).send(body).expect(201);
  return { userId, customerId, body };
}
