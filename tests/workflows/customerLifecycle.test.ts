// The customer-relationship lifecycle on the time-skipping test server with the real activities on
// a real Postgres: five years pass in seconds. Each scenario checks the database before and after.
import { describe, expect, it } from 'vitest';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createCascadeActivities } from '../../lifecycles/customer/cascade';
import { policyFromEnv } from '../../policy/fromEnv';
import type { PolicySnapshot } from '../../policy/retention';
import { ConflictError } from '../../lifecycles/errors';
import { createCustomerService, type CustomerService } from '../../lifecycles/customer/service';
import type { UserService } from '../../lifecycles/user/service';
import { customerLifecycleWorkflow } from '../../worker/workflows';
import { customerStateQuery, customerWorkflowId, type CustomerLifecycleView } from '../../lifecycles/customer/contract';
import { userServiceFor } from '../support/temporal';
import { useTimeSkipping } from '../support/timeSkipping';
import { leakedValues, seedUser, uniqueId, type SeededUser } from '../support/subjects';
import { businessData, customerRecords, seedCustomerRecords, valuesIn } from '../support/customers';
import { readableHistory } from '../support/history';

const DAY = 24 * 3600 * 1000;
const t = useTimeSkipping();

interface Scenario {
  taskQueue: string;
  customers: CustomerService;
  /** Seeds users of the customer. */
  seedUsers(customerId: string, n: number): Promise<SeededUser[]>;
  users: UserService;
  /** Starts the customer's workflow with small cascade pages, so paging is exercised. */
  start(customerId: string, policy?: PolicySnapshot): Promise<void>;
}

async function scenario(fn: (s: Scenario) => Promise<void>): Promise<void> {
  const taskQueue = uniqueId('tq');
  const worker = await t.worker(taskQueue);
  const policy = policyFromEnv({});
  const customers = createCustomerService(t.db, { temporal: t.env.client, taskQueue, policy });
  const start = async (customerId: string, p = policy) => {
    await t.env.client.workflow.start(customerLifecycleWorkflow, {
      workflowId: customerWorkflowId(customerId),
      taskQueue,
      args: [{ customerId, policy: p, cascadePageSize: 2 }],
    });
  };
  const seedUsers = async (customerId: string, n: number) => {
    const out: SeededUser[] = [];
    for (let i = 0; i < n; i++) out.push(await seedUser(t.db, customerId));
    return out;
  };
  // Workflows still running at the end go with the test's own server (useTimeSkipping).
  await worker.runUntil(fn({ taskQueue, customers, users: userServiceFor(t.db, t.env.client, taskQueue), start, seedUsers }));
}

const now = () => t.now();
const customerState = (customerId: string) => t.env.client.workflow.getHandle(customerWorkflowId(customerId)).query(customerStateQuery);
const customerResult = (customerId: string) => t.env.client.workflow.getHandle(customerWorkflowId(customerId)).result();
const evidenceOf = (subjectId: string) => t.db.evidence.findMany({ where: { subjectId }, orderBy: { seq: 'asc' } });

/** Sleeps (skipping time) until the given moment. */
/** `at` as an ISO string with its UTC year moved on by `years`: the same calendar date and time. */
/** The ISO instant a day earlier: the default safety margin before a maximum-type deadline. */
const dayBefore = (iso: string) => new Date(Date.parse(iso) - 86_400_000).toISOString();

function yearsLater(at: Date, years: number): string {
  const iso = at.toISOString();
  return `${Number(iso.slice(0, 4)) + years}${iso.slice(4)}`;
}

async function sleepUntil(at: Date): Promise<void> {
  const ms = at.getTime() - (await t.env.currentTimeMs());
  if (ms > 0) await t.env.sleep(ms);
}

/** Polls the workflow's state (real time, no skipping) until it satisfies the check. */
async function waitFor(customerId: string, check: (v: CustomerLifecycleView) => boolean): Promise<CustomerLifecycleView> {
  const until = Date.now() + 30_000;
  for (;;) {
    const v = await customerState(customerId);
    if (check(v)) return v;
    if (Date.now() > until) throw new Error(`timed out; last state ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const cascadeDone = (action: string) => (v: CustomerLifecycleView) => v.cascade?.action === action && v.cascade.done;

/**
 * The user's own rows (account, login factors, support cases it opened). Not personalTraces: its
 * search by last name also finds other test users who share a common surname in the shared database.
 */
async function ownRows(userId: string): Promise<string> {
  const rows = await Promise.all([
    t.db.userAccount.findMany({ where: { id: userId } }),
    t.db.loginFactor.findMany({ where: { userId } }),
    t.db.supportCase.findMany({ where: { requesterId: userId } }),
  ]);
  return JSON.stringify(rows);
}

/** Polls the database until the user is purged (no result(): it would unlock time skipping). */
async function purged(userId: string): Promise<void> {
  const until = Date.now() + 30_000;
  while ((await t.db.userAccount.findUniqueOrThrow({ where: { id: userId } })).status !== 'purged') {
    if (Date.now() > until) throw new Error(`user ${userId} not purged`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('customer lifecycle', () => {
  it('cascades to every user in pages, anonymises CRM and ERP together «innen 3 år», keeping business data', async () => {
    await scenario(async ({ customers, users, start, seedUsers }) => {
      const c = await seedCustomerRecords(t.db, 'private');
      const team = await seedUsers(c.customerId, 5);
      const t0 = await now();
      // Earlier deadline wins: terminated on their own five days before the customer ended → keeps that deadline.
      const early = new Date(t0.getTime() - 5 * DAY);
      await users.terminate(team[0]!.userId, early.toISOString(), 'sluttet');
      const business = await businessData(t.db, c.customerId);

      await start(c.customerId);
      const v = await customers.terminate(c.customerId, t0.toISOString(), 'kontrakt avsluttet');
      expect(v).toMatchObject({ phase: 'ENDED', endedAt: t0.toISOString() });
      // The same calendar date and time, written out: 3 and 5 years on (tests/unit pins leap days).
      // Each step is a maximum, aimed the default safety margin (a day) before its limit.
      const [crmDue, capAt] = [dayBefore(yearsLater(t0, 3)), yearsLater(t0, 5)];
      expect(v.crmAnonymiseDueAt).toBe(crmDue);
      // No legal duty configured: invoice identity goes with the CRM data.
      expect(v.erpAnonymiseDueAt).toBe(crmDue);
      expect(v.capAt).toBe(capAt);
      expect((await t.db.customer.findUniqueOrThrow({ where: { id: c.customerId } })).status).toBe('ended');

      const cascaded = await waitFor(c.customerId, cascadeDone('terminate'));
      expect(cascaded.cascade).toMatchObject({ usersDone: 5, usersSkipped: 0, lastUserId: [...team.map((u) => u.userId)].sort().at(-1) });
      for (const u of team) {
        const lifecycle = await users.lifecycle(u.userId);
        expect(lifecycle.phase).toBe('QUARANTINED');
        expect(lifecycle.terminatedAt).toBe(u === team[0] ? early.toISOString() : t0.toISOString());
        expect((await t.db.userAccount.findUniqueOrThrow({ where: { id: u.userId } })).status).toBe('deactivated');
      }

      await sleepUntil(new Date(t0.getTime() + 31 * DAY));
      for (const u of team) {
        await purged(u.userId);
        expect(leakedValues(await ownRows(u.userId), u)).toEqual([]);
      }

      await sleepUntil(new Date(Date.parse(crmDue) - DAY));
      expect((await customerState(c.customerId)).phase).toBe('ENDED');
      expect(valuesIn(await customerRecords(t.db, c.customerId, 'crm'), c.crmPersonal)).toEqual(c.crmPersonal);

      await sleepUntil(new Date(Date.parse(crmDue) + DAY));
      expect(await customerResult(c.customerId)).toMatchObject({ phase: 'CLOSED' });
      expect(valuesIn(await customerRecords(t.db, c.customerId, 'crm'), c.crmPersonal)).toEqual([]);
      expect(valuesIn(await customerRecords(t.db, c.customerId, 'erp'), c.erpPersonal)).toEqual([]);
      expect(await businessData(t.db, c.customerId)).toEqual(business);
      const [crm, erp] = await evidenceOf(c.customerId);
      expect(crm).toMatchObject({ subjectKind: 'customer', action: 'anonymise', rule: 'crm.anonymise' });
      expect(crm!.tables).toEqual({ ContactPerson: { anonymised: 2 }, CrmActivity: { anonymised: 2 }, Customer: { anonymised: 1 } });
      expect(crm!.dueAt?.toISOString()).toBe(crmDue);
      // The ERP step under the same sentence, right after, with no legal duty named.
      expect(erp).toMatchObject({ rule: 'crm.anonymise', tables: { ErpInvoice: { anonymised: 1 } }, detail: null });
      expect(erp!.dueAt?.toISOString()).toBe(crmDue);
      expect((await t.db.customer.findUniqueOrThrow({ where: { id: c.customerId } })).status).toBe('closed');
      expect((await customers.lifecycle(c.customerId)).phase).toBe('CLOSED');

      // The customer workflow's history, decrypted, holds opaque IDs, times and reasons only.
      const history = await readableHistory(await t.env.client.workflow.getHandle(customerWorkflowId(c.customerId)).fetchHistory());
      expect(history).toContain('kontrakt avsluttet');
      expect(valuesIn(history, [...c.crmPersonal, ...c.erpPersonal])).toEqual([]);
      for (const u of team) expect(leakedValues(history, u)).toEqual([]);
    });
  });

  it('a customer that comes back during retention is ACTIVE again; cascade-only users are restored, others stay as they were', async () => {
    await scenario(async ({ customers, users, start, seedUsers }) => {
      const c = await seedCustomerRecords(t.db, 'business');
      const [a, b, own, erased] = await seedUsers(c.customerId, 4);
      await users.erase(erased!.userId, 'art. 17'); // purged before the customer ended
      await start(c.customerId);
      const t0 = await now();
      await customers.terminate(c.customerId, t0.toISOString(), undefined);
      await waitFor(c.customerId, cascadeDone('terminate'));
      await users.terminate(own!.userId, (await now()).toISOString(), 'sluttet selv'); // also terminated on their own

      await t.env.sleep(10 * DAY);
      const back = await customers.restore(c.customerId, 'kunden kom tilbake');
      expect(back).toMatchObject({ phase: 'ACTIVE', endedAt: null, crmAnonymiseDueAt: null, nextDueAt: null });
      expect(back.events.map((e) => e.kind)).toEqual(['terminated', 'cascade-finished', 'restored']);
      expect(await t.db.customer.findUniqueOrThrow({ where: { id: c.customerId } })).toMatchObject({ status: 'active', endedAt: null });
      const restored = await waitFor(c.customerId, cascadeDone('restore'));
      expect(restored.cascade).toMatchObject({ usersDone: 3 });

      expect((await users.lifecycle(a!.userId)).phase).toBe('ACTIVE');
      expect((await users.lifecycle(b!.userId)).phase).toBe('ACTIVE');
      expect((await t.db.userAccount.findUniqueOrThrow({ where: { id: a!.userId } })).status).toBe('active');
      expect((await users.lifecycle(own!.userId)).phase).toBe('QUARANTINED');
      expect((await users.lifecycle(erased!.userId)).phase).toBe('PURGED');

      await t.env.sleep(4 * 365 * DAY);
      expect(await evidenceOf(c.customerId)).toEqual([]);
      expect(valuesIn(await customerRecords(t.db, c.customerId, 'crm'), c.crmPersonal)).toEqual(c.crmPersonal);
      expect((await customerState(c.customerId)).phase).toBe('ACTIVE');
      expect((await users.lifecycle(a!.userId)).phase).toBe('ACTIVE');
    });
  });

  it("a customer hold keeps CRM/ERP past their dates but not the users' purges; past the cap it shows heldPastCap; release anonymises at once", async () => {
    await scenario(async ({ customers, start, seedUsers }) => {
      const c = await seedCustomerRecords(t.db, 'private');
      const [u] = await seedUsers(c.customerId, 1);
      await start(c.customerId);
      const t0 = await now();
      await customers.terminate(c.customerId, t0.toISOString(), undefined);
      await waitFor(c.customerId, cascadeDone('terminate'));
      const held = await customers.hold(c.customerId, 'tvist, sak 77');
      expect(held).toMatchObject({ hold: { reason: 'tvist, sak 77' }, nextDueAt: null, heldPastCap: false });

      // Users follow their own lifecycle: the customer's hold does not hold them.
      await sleepUntil(new Date(t0.getTime() + 31 * DAY));
      await purged(u!.userId);

      await sleepUntil(new Date(Date.parse(yearsLater(t0, 3)) + DAY));
      expect(await evidenceOf(c.customerId)).toEqual([]);
      expect(valuesIn(await customerRecords(t.db, c.customerId, 'crm'), c.crmPersonal)).toEqual(c.crmPersonal);

      await sleepUntil(new Date(Date.parse(yearsLater(t0, 5)) + DAY));
      const past = await waitFor(c.customerId, (v) => v.heldPastCap);
      expect(past).toMatchObject({ phase: 'ENDED', heldPastCap: true, heldPastCapReason: 'tvist, sak 77' });
      expect(past.events.at(-1)).toMatchObject({ kind: 'held-past-cap', detail: 'tvist, sak 77' });
      expect(await evidenceOf(c.customerId)).toEqual([]);

      const released = await customers.release(c.customerId, 'tvist avsluttet');
      expect(released.heldPastCap).toBe(false);
      expect(await customerResult(c.customerId)).toMatchObject({ phase: 'CLOSED' });
      // With no legal duty, ERP goes under the CRM's sentence, right after it.
      expect((await evidenceOf(c.customerId)).map((e) => e.rule)).toEqual(['crm.anonymise', 'crm.anonymise']);
      expect(valuesIn(await customerRecords(t.db, c.customerId, 'crm'), c.crmPersonal)).toEqual([]);
      expect(valuesIn(await customerRecords(t.db, c.customerId, 'erp'), c.erpPersonal)).toEqual([]);
    });
  });

  it('erasure: CRM and ERP anonymised and users erased at once; no come-back after it', async () => {
    await scenario(async ({ customers, users, start, seedUsers }) => {
      const c = await seedCustomerRecords(t.db, 'private');
      const team = await seedUsers(c.customerId, 2);
      await start(c.customerId);
      await customers.erase(c.customerId, 'GDPR art. 17, sak 11');
      await waitFor(c.customerId, (v) => v.phase === 'CLOSED' && cascadeDone('erase')(v));
      for (const u of team) {
        await purged(u.userId);
        expect(await users.lifecycle(u.userId)).toMatchObject({ phase: 'PURGED', purgeRule: 'user.erasure' });
      }
      expect(valuesIn(await customerRecords(t.db, c.customerId, 'crm'), c.crmPersonal)).toEqual([]);
      expect(valuesIn(await customerRecords(t.db, c.customerId, 'erp'), c.erpPersonal)).toEqual([]);
      expect(await evidenceOf(c.customerId)).toMatchObject([
        { rule: 'crm.erasure', reason: 'GDPR art. 17, sak 11' },
        { rule: 'crm.erasure', tables: { ErpInvoice: { anonymised: 1 } } },
      ]);
      await expect(customers.restore(c.customerId, undefined)).rejects.toThrow();
    });
  });

  it('under a legal duty (bokføringsloven), an erasure keeps invoice identity until the cap, and its evidence names the duty', async () => {
    await scenario(async ({ customers, users, start, seedUsers }) => {
      const c = await seedCustomerRecords(t.db, 'private');
      const team = await seedUsers(c.customerId, 3);
      await start(c.customerId, policyFromEnv({ RETENTION_ERP_LEGAL_DUTY: 'bokforingsloven' }));
      const asked = await now();
      const accepted = await customers.erase(c.customerId, 'GDPR art. 17, sak 12');
      // The erasure request is the end of the relationship (it arrived while the customer was active).
      expect(accepted).toMatchObject({ phase: 'ENDED', endedAt: accepted.erasureRequestedAt });
      const t0 = new Date(accepted.endedAt!);
      expect(t0.getTime() - asked.getTime()).toBeLessThan(5_000);

      const erasing = await waitFor(c.customerId, (v) => v.phase === 'CRM_ANONYMISED' && cascadeDone('erase')(v));
      expect(erasing.cascade).toMatchObject({ usersDone: 3, usersSkipped: 0 });
      for (const u of team) {
        expect(await users.lifecycle(u.userId)).toMatchObject({ phase: 'PURGED', purgeRule: 'user.erasure' });
        expect(leakedValues(await ownRows(u.userId), u)).toEqual([]);
      }
      expect(valuesIn(await customerRecords(t.db, c.customerId, 'crm'), c.crmPersonal)).toEqual([]);
      expect(valuesIn(await customerRecords(t.db, c.customerId, 'erp'), c.erpPersonal)).toEqual(c.erpPersonal);
      expect(await evidenceOf(c.customerId)).toMatchObject([{ rule: 'crm.erasure', reason: 'GDPR art. 17, sak 12' }]);
      await expect(customers.restore(c.customerId, undefined)).rejects.toThrow(ConflictError);

      await sleepUntil(new Date(Date.parse(dayBefore(yearsLater(t0, 5))) - DAY));
      expect(valuesIn(await customerRecords(t.db, c.customerId, 'erp'), c.erpPersonal)).toEqual(c.erpPersonal);
      await sleepUntil(new Date(Date.parse(yearsLater(t0, 5)) + DAY));
      expect(await customerResult(c.customerId)).toMatchObject({ phase: 'CLOSED' });
      expect(valuesIn(await customerRecords(t.db, c.customerId, 'erp'), c.erpPersonal)).toEqual([]);
      const [, erp] = await evidenceOf(c.customerId);
      expect(erp).toMatchObject({ rule: 'erp.cap', tables: { ErpInvoice: { anonymised: 1 } }, detail: { legalDuty: 'bokforingsloven' } });
      expect(erp!.policyVersion).toMatch(/\+erpLegalDuty=bokforingsloven$/);
    });
  });

  it('a retried cascade page resumes after the last user its previous attempt heartbeated', async () => {
    await scenario(async ({ taskQueue, users, seedUsers }) => {
      const c = await seedCustomerRecords(t.db, 'business');
      const ids = (await seedUsers(c.customerId, 4)).map((u) => u.userId).sort();
      const t0 = (await now()).toISOString();
      // The previous attempt got through the first two users before its worker died.
      const retry = new MockActivityEnvironment({ taskQueue, heartbeatDetails: { lastUserId: ids[1], usersDone: 2, usersSkipped: 0 } });
      const heartbeats: unknown[] = [];
      retry.on('heartbeat', (d: unknown) => heartbeats.push(d));
      const { cascadePage } = createCascadeActivities(t.db, t.env.client);
      const page = await retry.run(cascadePage, {
        customerId: c.customerId,
        action: 'terminate' as const,
        terminatedAt: t0,
        reason: null,
        afterUserId: null,
        policy: policyFromEnv({}),
      });
      expect(page).toEqual({ usersDone: 4, usersSkipped: 0, lastUserId: ids[3], finished: true });
      expect(heartbeats.at(-1)).toEqual({ lastUserId: ids[3], usersDone: 4, usersSkipped: 0 });
      expect((await users.lifecycle(ids[0]!)).phase).toBe('ACTIVE');
      expect((await users.lifecycle(ids[1]!)).phase).toBe('ACTIVE');
      expect((await users.lifecycle(ids[2]!)).terminatedAt).toBe(t0);
      expect((await users.lifecycle(ids[3]!)).terminatedAt).toBe(t0);
    });
  });

  it('enforces the 5-year cap in the workflow even when the policy snapshot asks for longer', async () => {
    await scenario(async ({ customers, start }) => {
      const c = await seedCustomerRecords(t.db, 'private');
      // A snapshot policyFromEnv would refuse: only the workflow's own clamp stands in the way.
      await start(c.customerId, { userQuarantine: 'P30D', crmAnonymise: 'P8Y', erpMax: 'P10Y', version: 'tampered' });
      const t0 = await now();
      const cap = new Date(yearsLater(t0, 5));
      const v = await customers.terminate(c.customerId, t0.toISOString(), undefined);
      expect(v).toMatchObject({ crmAnonymiseDueAt: cap.toISOString(), erpAnonymiseDueAt: cap.toISOString(), capAt: cap.toISOString() });
      await sleepUntil(new Date(cap.getTime() + 60_000));
      expect(await customerResult(c.customerId)).toMatchObject({ phase: 'CLOSED' });
      const evidence = await evidenceOf(c.customerId);
      expect(evidence.map((e) => e.dueAt?.toISOString())).toEqual([cap.toISOString(), cap.toISOString()]);
      expect(valuesIn(await customerRecords(t.db, c.customerId, 'erp'), c.erpPersonal)).toEqual([]);
    });
  });
});
