// The rules of time through the real customer workflow, on the time-skipping server with stubbed
// activities (no database): CRM and ERP at end + 3 years by default; under a legal duty ERP at the
// 5-year cap, a hold keeping data past the cap, and an erasure request. customerLifecycle.test.ts covers the data itself with Postgres.
import { describe, expect, it } from 'vitest';
import { createLifecycleClient } from '../../lifecycles/client';
import {
  customerErasureUpdate,
  customerHoldUpdate,
  customerReleaseUpdate,
  customerStateQuery,
  customerWorkflowId,
  terminateCustomerUpdate,
} from '../../lifecycles/customer/contract';
import { customerKind } from '../../lifecycles/customer/kind';
import { policyFromEnv } from '../../policy/fromEnv';
import { uniqueId } from '../support/subjects';
import { useStubbedTimeSkipping, type ActivityCall } from '../support/stubbedWorker';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();

const t = useStubbedTimeSkipping();
// Under bokføringsloven's duty (CRM P3Y, ERP P5Y), so the cap and a hold past it are exercised.
const policy = policyFromEnv({ RETENTION_ERP_LEGAL_DUTY: 'bokforingsloven' });
const customers = (taskQueue: string, p = policy) => createLifecycleClient(customerKind, { temporal: t.env.client, taskQueue, policy: p });
const handle = (customerId: string) => t.env.client.workflow.getHandle(customerWorkflowId(customerId));

/**
 * The relationship ends on 15 January of the server's current year, 10:00 UTC, so its anniversaries
 * are plain calendar arithmetic (no month ends, no leap days) and the test does not age. The CRM
 * and ERP steps are maxima («innen 3 år», «etter 5 år»): each is aimed the default safety margin,
 * one day, before its limit; the cap is the limit itself.
 */
async function dates() {
  const year = (await t.now()).getUTCFullYear();
  const cap = Date.UTC(year + 5, 0, 15, 10);
  return { ended: Date.UTC(year, 0, 15, 10), crm: Date.UTC(year + 3, 0, 14, 10), erp: Date.UTC(year + 5, 0, 14, 10), cap };
}

/** Scheduled at `dueMs` on the server's clock: never before it, and within a minute of real time after. */
function expectScheduledAt(call: ActivityCall | undefined, dueMs: number): void {
  expect(call?.scheduledAt.getTime()).toBeGreaterThanOrEqual(dueMs);
  expect(call?.scheduledAt.getTime()).toBeLessThan(dueMs + MINUTE);
}

describe('customer lifecycle (stubbed activities)', () => {
  it('without a legal duty anonymises ERP with the CRM a day before end + 3 years, under crm.anonymise, and closes', async () => {
    await t.run({}, async ({ taskQueue, calls }) => {
      const customerId = uniqueId('cust');
      const { ended, crm } = await dates();
      const v = await customers(taskQueue, policyFromEnv({})).updateWithStart(customerId, customerId, terminateCustomerUpdate, {
        terminatedAt: iso(ended),
      });
      expect(v).toMatchObject({ crmAnonymiseDueAt: iso(crm), erpAnonymiseDueAt: iso(crm), ruleInForce: 'crm.anonymise' });
      await t.sleepUntil(crm - MINUTE);
      expect([calls('anonymiseCrm'), calls('anonymiseErp')]).toEqual([[], []]);
      expect(await handle(customerId).result()).toMatchObject({ phase: 'CLOSED' });
      const erpStep = calls('anonymiseErp');
      expect(erpStep.map((c) => c.input)).toEqual([expect.objectContaining({ rule: 'crm.anonymise', dueAt: iso(crm) })]);
      expect(erpStep[0]!.input).not.toHaveProperty('legalDuty');
      expectScheduledAt(erpStep[0], crm);
    });
  });

  it('under a legal duty: ends the relationship at once, anonymises CRM a day before end + 3 years and ERP a day before the 5-year cap', async () => {
    await t.run({}, async ({ taskQueue, calls, called }) => {
      const customerId = uniqueId('cust');
      const { ended, crm, erp, cap } = await dates();
      const v = await customers(taskQueue).updateWithStart(customerId, customerId, terminateCustomerUpdate, {
        terminatedAt: iso(ended),
        reason: 'kontrakt avsluttet',
      });
      expect(v).toMatchObject({
        phase: 'ENDED',
        endedAt: iso(ended),
        crmAnonymiseDueAt: iso(crm),
        erpAnonymiseDueAt: iso(erp),
        capAt: iso(cap),
      });
      expect(calls('endCustomer').map((c) => c.input)).toEqual([{ customerId, endedAt: iso(ended) }]);
      expect((await called('cascadePage')).input).toMatchObject({ customerId, action: 'terminate', terminatedAt: iso(ended) });

      await t.sleepUntil(crm - MINUTE);
      expect(calls('anonymiseCrm')).toEqual([]);
      await t.sleepUntil(crm + MINUTE);
      expect(calls('anonymiseCrm').map((c) => c.input)).toEqual([
        expect.objectContaining({ rule: 'crm.anonymise', reason: null, triggeredAt: iso(ended), dueAt: iso(crm) }),
      ]);
      expectScheduledAt(calls('anonymiseCrm')[0], crm);
      expect((await handle(customerId).query(customerStateQuery)).phase).toBe('CRM_ANONYMISED');

      await t.sleepUntil(erp - MINUTE);
      expect(calls('anonymiseErp')).toEqual([]);
      expect(await handle(customerId).result()).toMatchObject({ phase: 'CLOSED' });
      expect(calls('anonymiseErp').map((c) => c.input)).toEqual([
        expect.objectContaining({ rule: 'erp.cap', reason: null, triggeredAt: iso(ended), dueAt: iso(erp) }),
      ]);
      expectScheduledAt(calls('anonymiseErp')[0], erp);
    });
  });

  it('keeps the data past the cap only under a legal hold, says so when its step is due, and anonymises both on release', async () => {
    await t.run({}, async ({ taskQueue, calls }) => {
      const customerId = uniqueId('cust');
      const lifecycle = customers(taskQueue);
      const { ended, crm, erp, cap } = await dates();
      await lifecycle.updateWithStart(customerId, customerId, terminateCustomerUpdate, { terminatedAt: iso(ended) });
      const held = await lifecycle.updateWithStart(customerId, customerId, customerHoldUpdate, { reason: 'tvist, sak 9' });
      expect(held).toMatchObject({ hold: { reason: 'tvist, sak 9' }, nextDueAt: null, heldPastCap: false });

      await t.sleepUntil(cap + DAY);
      expect([calls('anonymiseCrm'), calls('anonymiseErp')]).toEqual([[], []]);
      const past = await handle(customerId).query(customerStateQuery);
      expect(past).toMatchObject({ phase: 'ENDED', heldPastCap: true, heldPastCapReason: 'tvist, sak 9' });
      const flagged = past.events.find((e) => e.kind === 'held-past-cap');
      expect(flagged?.detail).toBe('tvist, sak 9');
      expect(Date.parse(flagged!.at)).toBeGreaterThanOrEqual(erp);
      expect(Date.parse(flagged!.at)).toBeLessThan(erp + MINUTE);

      const released = (await t.now()).getTime();
      await lifecycle.update(customerId, customerReleaseUpdate, { reason: 'tvist avsluttet' });
      await handle(customerId).result();
      expect(calls('anonymiseCrm').map((c) => c.input)).toEqual([expect.objectContaining({ rule: 'crm.anonymise', dueAt: iso(crm) })]);
      expect(calls('anonymiseErp').map((c) => c.input)).toEqual([expect.objectContaining({ rule: 'erp.cap', dueAt: iso(erp) })]);
      expectScheduledAt(calls('anonymiseCrm')[0], released);
      expectScheduledAt(calls('anonymiseErp')[0], released);
    });
  });

  it('anonymises CRM at once on an erasure request, under crm.erasure; ERP still waits for the cap', async () => {
    await t.run({}, async ({ taskQueue, calls, called }) => {
      const customerId = uniqueId('cust');
      const lifecycle = customers(taskQueue);
      const { ended, erp } = await dates();
      await lifecycle.updateWithStart(customerId, customerId, terminateCustomerUpdate, { terminatedAt: iso(ended) });
      await t.sleepUntil((await t.now()).getTime() + 10 * DAY);
      const erased = await lifecycle.updateWithStart(customerId, customerId, customerErasureUpdate, { reason: 'GDPR art. 17, sak REQ-3' });
      const requestedAt = erased.erasureRequestedAt!;

      const crmStep = await called('anonymiseCrm');
      expect(crmStep.input).toMatchObject({
        rule: 'crm.erasure',
        reason: 'GDPR art. 17, sak REQ-3',
        triggeredAt: iso(ended),
        dueAt: requestedAt,
      });
      expectScheduledAt(crmStep, Date.parse(requestedAt));
      // The users are erased through their own lifecycles: the cascade restarts as an erasure.
      expect((await called('cascadePage', 2)).input).toMatchObject({ action: 'erase', reason: 'GDPR art. 17, sak REQ-3' });

      await t.sleepUntil(erp - MINUTE);
      expect(calls('anonymiseErp')).toEqual([]);
      await handle(customerId).result();
      expect(calls('anonymiseErp').map((c) => c.input)).toEqual([expect.objectContaining({ rule: 'erp.cap', dueAt: iso(erp) })]);
      expectScheduledAt(calls('anonymiseErp')[0], erp);
      expect(calls('anonymiseCrm')).toHaveLength(1);
    });
  });
});
