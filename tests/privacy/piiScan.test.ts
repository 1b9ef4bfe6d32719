// The pipeline must not become a second copy of the data it deletes. Real worker and API
// processes run a user's, a private customer's (with its cascade to the customer's users) and a
// departed contact person's whole lifecycle through the HTTP API; then every workflow on the task queue is read back
// (history with its payloads decrypted, search attributes) together with both processes' logs,
// and none of the subjects' personal values may appear anywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@temporalio/client';
import { fakerNB_NO as faker } from '@faker-js/faker';
import { loadConfig } from '../../config/env';
import { createDb } from '../../db/client';
import { getFreePort } from '../../scripts/ports';
import { createTemporalClient } from '../../temporal/client';
import { contactWorkflowId } from '../../lifecycles/contact/contract';
import { customerWorkflowId } from '../../lifecycles/customer/contract';
import { userWorkflowId } from '../../lifecycles/user/contract';
import { startAppProcess, type AppProcess } from '../../testkit/appProcess';
import { contactBody, seedContactRecords } from '../support/contacts';
import { seedCustomerRecords, valuesIn, type SeededCustomer } from '../support/customers';
import { testDatabaseUrl, testTemporalAddress } from '../support/env';
import { readableHistory } from '../support/history';
import { leakedValues, personalData, uniqueId, type SeededUser } from '../support/subjects';

const db = createDb(testDatabaseUrl());
const SERVICE = 'pii-scan-service';
let env: Record<string, string>;
let worker: AppProcess;
let api: AppProcess;
let temporal: Client;
let base: string;

beforeAll(async () => {
  const port = await getFreePort();
  env = {
    NODE_ENV: 'test',
    PORT: String(port),
    DATABASE_URL: testDatabaseUrl(),
    TEMPORAL_ADDRESS: testTemporalAddress(),
    TEMPORAL_TASK_QUEUE: uniqueId('pii-scan'),
    API_TOKENS: `service:${SERVICE}`,
    METRICS_PORT: String(await getFreePort()),
    RETENTION_USER_QUARANTINE: 'PT2S',
    RETENTION_CRM_ANONYMISE: 'PT3S',
    RETENTION_ERP_MAX: 'PT4S',
    RETENTION_CONTACT: 'PT3S',
    // The most a developer would switch on: whatever reaches a log at debug reaches it in production too.
    LOG_LEVEL: 'debug',
  };
  worker = startAppProcess('worker/main.ts', env);
  api = startAppProcess('api/server.ts', env);
  temporal = await createTemporalClient(loadConfig(env));
  base = `http://127.0.0.1:${port}`;
  await Promise.all([worker.waitFor(/worker polling/), api.waitFor(/listening/)]);
});

async function stopProcesses(): Promise<void> {
  worker?.signal('SIGTERM');
  api?.signal('SIGTERM');
  await Promise.all([worker?.exited, api?.exited]);
}

afterAll(async () => {
  await stopProcesses();
  await temporal?.connection.close();
  await db.$disconnect();
});

async function call(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${SERVICE}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

async function provisionUser(customerId: string): Promise<SeededUser> {
  const personal = personalData();
  const { firstName, lastName } = personal;
  const userId = uniqueId('user');
  await call('PUT', `/api/v1/users/${userId}`, { customerId, ...personal });
  // A support case quoting the requester, as the purge must clean and verification re-read.
  await db.supportCase.create({
    data: {
      requesterId: userId,
      requesterName: `${firstName} ${lastName}`,
      requesterEmail: personal.email,
      subject: 'Passord',
      description: `Hilsen ${firstName} ${lastName}, ${personal.phone}`,
      category: 'tilgang',
    },
  });
  return { userId, customerId, personal };
}

describe('no personal data outside the systems of record', () => {
  it('keeps every workflow type, its search attributes and the worker and API logs free of the subjects’ personal values', async () => {
    const customer: SeededCustomer = await seedCustomerRecords(db, 'private');
    const cascaded = await provisionUser(customer.customerId);
    const otherCustomer = uniqueId('cust');
    await call('PUT', `/api/v1/customers/${otherCustomer}`, { name: faker.company.name(), type: 'business' });
    const user = await provisionUser(otherCustomer);

    // A contact person of the customer that stays, who leaves it: their own lifecycle anonymises them.
    const contactId = uniqueId('contact');
    await call('PUT', `/api/v1/customers/${otherCustomer}/contacts/${contactId}`, contactBody());
    const contact = await seedContactRecords(db, contactId);
    await call('POST', `/api/v1/customers/${otherCustomer}/contacts/${contactId}/departure`, { reasonCode: 'left-company' });

    await call('POST', `/api/v1/users/${user.userId}/termination`, { reasonCode: 'employee-left', note: 'sluttet i firmaet' });
    await call('POST', `/api/v1/customers/${customer.customerId}/termination`, { reasonCode: 'customer-ended', note: 'avtale sagt opp' });
    const userRun = temporal.workflow.getHandle(userWorkflowId(user.userId));
    const cascadedRun = temporal.workflow.getHandle(userWorkflowId(cascaded.userId));
    const customerRun = temporal.workflow.getHandle(customerWorkflowId(customer.customerId));
    // The cascade starts the customer's users' lifecycles along the way: wait for the customer first.
    await Promise.all([userRun.result(), customerRun.result()]);
    await cascadedRun.result();
    await temporal.workflow.getHandle(contactWorkflowId(contactId)).result();

    const { payloadKeys } = loadConfig(env);
    const types = new Set<string>();
    const texts: string[] = [];
    for await (const wf of temporal.workflow.list({ query: `TaskQueue = "${env.TEMPORAL_TASK_QUEUE}"` })) {
      types.add(wf.type);
      const handle = temporal.workflow.getHandle(wf.workflowId, wf.runId);
      texts.push(await readableHistory(await handle.fetchHistory(), payloadKeys));
      texts.push(JSON.stringify((await handle.describe()).searchAttributes));
    }
    expect([...types]).toEqual(expect.arrayContaining(['userLifecycleWorkflow', 'customerLifecycleWorkflow', 'contactLifecycleWorkflow']));
    const temporalText = texts.join('\n');
    // The scan sees decrypted payloads: the reason codes travel only inside them, the notes not at all.
    expect(temporalText).toContain('employee-left');
    expect(temporalText).not.toContain('sluttet i firmaet');
    expect(temporalText).toContain(user.userId);

    // Stopped, the processes have written every line they will write.
    await stopProcesses();
    const logs = `${worker.output()}\n${api.output()}`;
    expect(logs).toContain(user.userId); // the logs do name subjects, by opaque ID
    for (const [where, text] of [
      ['Temporal', temporalText],
      ['logs', logs],
    ] as const) {
      expect(leakedValues(text, user), `${where}: user`).toEqual([]);
      expect(leakedValues(text, cascaded), `${where}: cascaded user`).toEqual([]);
      expect(valuesIn(text, [...customer.crmPersonal, ...customer.erpPersonal]), `${where}: customer`).toEqual([]);
      const contactValues = [`${contact.firstName} ${contact.lastName}`, contact.email, contact.phone];
      expect(valuesIn(text, contactValues), `${where}: contact`).toEqual([]);
    }
    // And the purges really happened, so there was personal data to leak.
    expect(await db.evidence.count({ where: { subjectId: { in: [user.userId, cascaded.userId] }, action: 'verify' } })).toBe(2);
    expect(await db.contactPerson.findUniqueOrThrow({ where: { id: contactId } })).toMatchObject({ email: null, phone: null });
  });
});
