// The rules of time through the real prospect workflow, on the time-skipping server with stubbed
// activities: its CRM data is anonymised 5 years (less the margin) after the last contact, not
// before; a contact restarts the clock; a hold keeps the data; an erasure request anonymises at
// once; conversion hands it to the customer and ends the lifecycle. The workflow's inputs carry
// the prospect's opaque ID, times and rules only.
import { describe, expect, it } from 'vitest';
import { createLifecycleClient } from '../../lifecycles/client';
import {
  prospectContactUpdate,
  prospectConversionUpdate,
  prospectErasureUpdate,
  prospectHoldUpdate,
  prospectReleaseUpdate,
  prospectStateQuery,
  prospectWorkflowId,
} from '../../lifecycles/prospect/contract';
import { prospectKind } from '../../lifecycles/prospect/kind';
import * as rules from '../../lifecycles/prospect/rules';
import { prospectLifecycleWorkflow } from '../../lifecycles/prospect/workflow';
import { policyFromEnv } from '../../policy/fromEnv';
import { uniqueId } from '../support/subjects';
import { useStubbedTimeSkipping } from '../support/stubbedWorker';

const DAY = 24 * 60 * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

const t = useStubbedTimeSkipping();
const policy = policyFromEnv({}); // RETENTION_PROSPECT P5Y, margin P1D
const prospects = (taskQueue: string) => createLifecycleClient(prospectKind, { temporal: t.env.client, taskQueue, policy });
const handle = (prospectId: string) => t.env.client.workflow.getHandle(prospectWorkflowId(prospectId));

/** Last contact on 15 January of the server's year, 10:00 UTC; 5 years on less a day. */
async function dates() {
  const year = (await t.now()).getUTCFullYear();
  const contacted = Date.UTC(year, 0, 15, 10);
  return { contacted, anonymise: Date.UTC(year + 5, 0, 15, 10) - DAY };
}

/** The state once the workflow has read its clock from the row (an activity at start). */
async function clockRead(prospectId: string) {
  for (let i = 0; i < 100; i++) {
    const s = await handle(prospectId).query(prospectStateQuery);
    if (s.lastContactAt) return s;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the clock was never read');
}

describe('prospect lifecycle (stubbed activities)', () => {
  it('anonymises 5 years less the margin after the last contact read from the row, not before, and then ends', async () => {
    const { contacted, anonymise } = await dates();
    await t.run({ readProspectClock: async () => ({ lastContactAt: iso(contacted) }) }, async ({ taskQueue, calls }) => {
      const prospectId = uniqueId('prospect');
      expect(await prospects(taskQueue).ensureStarted(prospectId, null)).toBe(true);
      expect(await clockRead(prospectId)).toMatchObject({
        phase: 'ACTIVE',
        lastContactAt: iso(contacted),
        anonymiseDueAt: iso(anonymise),
      });
      await t.sleepUntil(anonymise - 60_000);
      expect(calls('anonymiseProspect')).toEqual([]);
      expect(await handle(prospectId).result()).toMatchObject({ prospectId, phase: 'ANONYMISED' });
      const [call] = calls('anonymiseProspect');
      expect(call?.input).toMatchObject({ prospectId, rule: 'prospect.anonymise', triggeredAt: iso(contacted), dueAt: iso(anonymise) });
      expect(call?.scheduledAt.getTime()).toBeGreaterThanOrEqual(anonymise);
      expect(Object.keys(call!.input).sort()).toEqual(
        ['prospectId', 'dueAt', 'idempotencyKey', 'policyVersion', 'reason', 'rule', 'runId', 'triggeredAt', 'workflowId'].sort(),
      );
    });
  });

  it('restarts the clock on a contact, and holds the data while held', async () => {
    const { contacted, anonymise } = await dates();
    await t.run({ readProspectClock: async () => ({ lastContactAt: iso(contacted) }) }, async ({ taskQueue, calls, called }) => {
      const prospectId = uniqueId('prospect');
      const client = prospects(taskQueue);
      await client.ensureStarted(prospectId, null);
      await t.sleepUntil(anonymise - 10 * DAY);
      const later = (await t.now()).getTime();
      const v = await client.update(prospectId, prospectContactUpdate, { contactedAt: iso(later) });
      expect(v.lastContactAt).toBe(iso(later));
      expect(Date.parse(v.anonymiseDueAt!)).toBeGreaterThan(anonymise + 4 * 365 * DAY);
      expect(calls('recordProspectContact').map((c) => c.input)).toEqual([{ prospectId, contactedAt: iso(later) }]);
      await t.sleepUntil(anonymise + DAY);
      expect(calls('anonymiseProspect')).toEqual([]);

      await client.update(prospectId, prospectHoldUpdate, { reason: 'tvist' });
      await t.sleepUntil(Date.parse(v.anonymiseDueAt!) + 30 * DAY);
      expect(calls('anonymiseProspect')).toEqual([]);
      await client.update(prospectId, prospectReleaseUpdate, { reason: 'avgjort' });
      expect((await called('anonymiseProspect')).input).toMatchObject({ rule: 'prospect.anonymise' });
      expect(await handle(prospectId).result()).toMatchObject({ phase: 'ANONYMISED' });
    });
  });

  it('anonymises at once on an erasure request and refuses a contact after', async () => {
    await t.run({}, async ({ taskQueue, called }) => {
      const prospectId = uniqueId('prospect');
      const client = prospects(taskQueue);
      await client.ensureStarted(prospectId, null);
      await client.update(prospectId, prospectErasureUpdate, { reason: 'GDPR art. 17' });
      expect((await called('anonymiseProspect')).input).toMatchObject({ rule: 'prospect.erasure', reason: 'GDPR art. 17' });
      expect(await handle(prospectId).result()).toMatchObject({ phase: 'ANONYMISED' });
      await expect(client.update(prospectId, prospectContactUpdate, { contactedAt: iso(Date.now()) })).rejects.toThrow();
    });
  });

  it('converts into a customer: the data is handed over, the lifecycle ends, a second conversion is refused', async () => {
    await t.run({}, async ({ taskQueue, calls }) => {
      const prospectId = uniqueId('prospect');
      const client = prospects(taskQueue);
      const v = await client.updateWithStart(prospectId, null, prospectConversionUpdate, { customerId: 'cust-7' });
      expect(v).toMatchObject({
        phase: 'CONVERTED',
        customerId: 'cust-7',
        convertedAt: expect.any(String),
        evidenceId: expect.any(String),
      });
      expect(calls('convertProspect').map((c) => c.input)).toEqual([
        expect.objectContaining({ prospectId, customerId: 'cust-7', rule: 'prospect.conversion' }),
      ]);
      expect(await handle(prospectId).result()).toMatchObject({ phase: 'CONVERTED' });
      expect(calls('anonymiseProspect')).toEqual([]);
      await expect(client.update(prospectId, prospectConversionUpdate, { customerId: 'cust-8' })).rejects.toThrow();
    });
  });

  it('carries its state over continue-as-new: the clock is not read from the row again', async () => {
    const { contacted, anonymise } = await dates();
    await t.run({}, async ({ taskQueue, calls, called }) => {
      const prospectId = uniqueId('prospect');
      // A run as continue-as-new starts it: the state of the run before, with its events.
      const carried = rules.initialState({ prospectId, policy });
      rules.adoptClock(carried, iso(contacted));
      rules.contact(carried, iso(contacted + DAY), contacted + DAY);
      await t.env.client.workflow.start(prospectLifecycleWorkflow, {
        workflowId: prospectWorkflowId(prospectId),
        taskQueue,
        args: [{ prospectId, policy, state: carried }],
      });
      const s = await handle(prospectId).query(prospectStateQuery);
      expect(s).toMatchObject({ lastContactAt: iso(contacted + DAY), anonymiseDueAt: iso(anonymise + DAY) });
      expect(s.events.map((e) => e.kind)).toEqual(['contacted']);
      await t.sleepUntil(anonymise + 2 * DAY);
      expect((await called('anonymiseProspect')).input).toMatchObject({ dueAt: iso(anonymise + DAY) });
      expect(calls('readProspectClock')).toEqual([]);
    });
  });
});
