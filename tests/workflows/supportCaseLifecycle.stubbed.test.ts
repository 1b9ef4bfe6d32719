// The rules of time through the real support-case workflow, on the time-skipping server with
// stubbed activities: an outside requester's details are erased at closure + RETENTION_SUPPORT_CASE
// (P1Y by default, aimed within the 3 years), not before; reopening calls it off; a hold keeps them;
// an erasure request erases at once. The workflow's inputs carry the case's opaque ID only.
import { describe, expect, it } from 'vitest';
import { createLifecycleClient } from '../../lifecycles/client';
import {
  caseErasureUpdate,
  caseHoldUpdate,
  caseReleaseUpdate,
  caseStateQuery,
  closeCaseUpdate,
  reopenCaseUpdate,
  supportCaseWorkflowId,
} from '../../lifecycles/supportCase/contract';
import { supportCaseKind } from '../../lifecycles/supportCase/kind';
import { policyFromEnv } from '../../policy/fromEnv';
import { uniqueId } from '../support/subjects';
import { useStubbedTimeSkipping } from '../support/stubbedWorker';

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

const t = useStubbedTimeSkipping();
const policy = policyFromEnv({}); // RETENTION_SUPPORT_CASE P1Y
const cases = (taskQueue: string) => createLifecycleClient(supportCaseKind, { temporal: t.env.client, taskQueue, policy });
const handle = (caseId: string) => t.env.client.workflow.getHandle(supportCaseWorkflowId(caseId));

/** Closed on 15 January of the server's year, 10:00 UTC: a year on is plain calendar arithmetic. */
async function dates() {
  const year = (await t.now()).getUTCFullYear();
  return { closed: Date.UTC(year, 0, 15, 10), erase: Date.UTC(year + 1, 0, 15, 10) };
}

describe('support-case lifecycle (stubbed activities)', () => {
  it("erases an outside requester's details a year after closure, not before, and then ends", async () => {
    await t.run({}, async ({ taskQueue, calls }) => {
      const caseId = uniqueId('case');
      const { closed, erase } = await dates();
      const client = cases(taskQueue);
      expect(await client.ensureStarted(caseId, null)).toBe(true);
      expect((await handle(caseId).query(caseStateQuery)).phase).toBe('OPEN');
      const v = await client.update(caseId, closeCaseUpdate, { terminatedAt: iso(closed), reason: 'løst' });
      expect(v).toMatchObject({ phase: 'CLOSED', closedAt: iso(closed), eraseDueAt: iso(erase), nextDueAt: iso(erase) });
      expect(calls('closeCase').map((c) => c.input)).toEqual([{ caseId, closedAt: iso(closed) }]);
      // A repeated closure keeps the first time.
      expect((await client.update(caseId, closeCaseUpdate, { terminatedAt: iso(closed + MINUTE) })).closedAt).toBe(iso(closed));

      await t.sleepUntil(erase - MINUTE);
      expect(calls('eraseCase')).toEqual([]);
      expect(await handle(caseId).result()).toMatchObject({ caseId, phase: 'ERASED' });
      const [call] = calls('eraseCase');
      expect(call?.input).toMatchObject({ caseId, rule: 'support.retention', reason: null, triggeredAt: iso(closed), dueAt: iso(erase) });
      expect(call?.scheduledAt.getTime()).toBeGreaterThanOrEqual(erase);
      // Opaque IDs, times, rule names: nothing about the requester travels to the activity.
      expect(Object.keys(call!.input).sort()).toEqual(
        ['caseId', 'dueAt', 'idempotencyKey', 'policyVersion', 'reason', 'rule', 'runId', 'triggeredAt', 'workflowId'].sort(),
      );
    });
  });

  it('keeps the details while open, calls the erasure off on reopening, and holds them while held', async () => {
    await t.run({}, async ({ taskQueue, calls, called }) => {
      const caseId = uniqueId('case');
      const { closed, erase } = await dates();
      const client = cases(taskQueue);
      await client.updateWithStart(caseId, 'cust-1', closeCaseUpdate, { terminatedAt: iso(closed) });
      const reopened = await client.update(caseId, reopenCaseUpdate, { reason: 'feilen kom tilbake' });
      expect(reopened).toMatchObject({ phase: 'OPEN', closedAt: null, eraseDueAt: null });
      expect(calls('reopenCase')).toHaveLength(1);
      await t.sleepUntil(erase + MINUTE);
      expect(calls('eraseCase')).toEqual([]);

      const closedAgain = (await t.now()).getTime();
      await client.update(caseId, closeCaseUpdate, { terminatedAt: iso(closedAgain) });
      const held = await client.update(caseId, caseHoldUpdate, { reason: 'tvist' });
      expect(held).toMatchObject({ phase: 'CLOSED', nextDueAt: null, hold: { reason: 'tvist' } });
      await t.sleepUntil(closedAgain + 400 * 24 * 60 * MINUTE);
      expect(calls('eraseCase')).toEqual([]);
      await client.update(caseId, caseReleaseUpdate, { reason: 'tvisten er avgjort' });
      expect((await called('eraseCase')).input).toMatchObject({ rule: 'support.retention' });
      expect(await handle(caseId).result()).toMatchObject({ phase: 'ERASED' });
    });
  });

  it('erases at once on an erasure request, open or not, and refuses anything after', async () => {
    await t.run({}, async ({ taskQueue, called }) => {
      const caseId = uniqueId('case');
      const client = cases(taskQueue);
      await client.ensureStarted(caseId, null);
      await client.update(caseId, caseErasureUpdate, { reason: 'GDPR art. 17' });
      expect((await called('eraseCase')).input).toMatchObject({ rule: 'support.erasure', reason: 'GDPR art. 17', triggeredAt: null });
      expect(await handle(caseId).result()).toMatchObject({ phase: 'ERASED' });
      await expect(client.update(caseId, caseHoldUpdate, { reason: 'for sent' })).rejects.toThrow();
    });
  });
});
