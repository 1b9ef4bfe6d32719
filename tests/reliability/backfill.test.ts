// The backfill on the dev server with a real worker: active users and customers get an ACTIVE
// lifecycle; deactivated users a QUARANTINED one counted from their deactivation and ended customers
// an ENDED one counted from their end (their users following through the cascade); purged users and
// closed customers none; a re-run starts nothing twice and an interrupted run resumes where its
// checkpoint says, for both kinds. Departed contacts, prospects and outside requesters' cases get
// theirs too (a closed case's as of its closure), final ones none.
import type { Client } from '@temporalio/client';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { runBackfill, subjectKinds, type BackfillResult, type SubjectKind } from '../../ops/backfillSubjects';
import { contactStateQuery, contactWorkflowId } from '../../lifecycles/contact/contract';
import { customerStateQuery, customerWorkflowId } from '../../lifecycles/customer/contract';
import { stateQuery, userWorkflowId } from '../../lifecycles/user/contract';
import { prospectStateQuery, prospectWorkflowId } from '../../lifecycles/prospect/contract';
import { caseStateQuery, supportCaseWorkflowId } from '../../lifecycles/supportCase/contract';
import { seedContact } from '../support/contacts';
import { unmanagedProspectAndCases } from './reconciliationSubjects';
import { seedCustomer, seedUser } from '../support/subjects';
import { useApp } from '../support/harness';

// A database of its own: the backfill pages through every user and customer, not just this file's.
const stack = useApp({ worker: true, isolatedDb: true, prefix: 'backfill' });
let db: Db;
let temporal: Client;
let queue: string;
let kinds: SubjectKind[];

beforeAll(() => {
  ({ db, temporal } = stack);
  queue = stack.config.temporal.taskQueue;
  kinds = subjectKinds({ db, temporal, taskQueue: queue, policy: stack.config.policy });
});

const workflowsOnQueue = async () => (await temporal.workflow.count(`TaskQueue = "${queue}"`)).count;
const visited = (counts: BackfillResult['counts'] | undefined) => Object.values(counts ?? {}).reduce((a, b) => a + b, 0);

describe('backfill', () => {
  it('starts a lifecycle for every user, idempotently and resumably', async () => {
    const active = await Promise.all(Array.from({ length: 6 }, () => seedUser(db)));
    const deactivated = await Promise.all(Array.from({ length: 3 }, () => seedUser(db)));
    const deactivatedAt = new Date(Date.now() - 3 * 86_400_000);
    await db.userAccount.updateMany({
      where: { id: { in: deactivated.map((u) => u.userId) } },
      data: { status: 'deactivated', deactivatedAt },
    });
    const purged = await seedUser(db);
    await db.userAccount.update({ where: { id: purged.userId }, data: { status: 'purged' } });

    // A first run, whose checkpoint after its first page of 4 users …
    const seen: string[] = [];
    const partial = await runBackfill(kinds, {
      concurrency: 3,
      pageSize: 4,
      onProgress: (p) => p.kind === 'user' && p.lastId && seen.push(p.lastId),
    });
    expect(partial.failures).toEqual([]);
    expect(partial.byKind.user).toMatchObject({ started: 6, terminated: 3 });
    // … a resumed run starts after: only the rest of the users is visited again.
    const resumed = await runBackfill(kinds, { concurrency: 3, pageSize: 4, resumeAfter: { user: seen[0]! } });
    expect(resumed.byKind.user!.started + resumed.byKind.user!.terminated).toBe(5);

    for (const u of active) {
      expect((await temporal.workflow.getHandle(userWorkflowId(u.userId)).query(stateQuery)).phase).toBe('ACTIVE');
    }
    for (const u of deactivated) {
      const view = await temporal.workflow.getHandle(userWorkflowId(u.userId)).query(stateQuery);
      expect(view.phase).toBe('QUARANTINED');
      expect(view.terminatedAt).toBe(deactivatedAt.toISOString());
    }
    // A re-run starts nothing new, and the purged user never gets a lifecycle.
    const before = await workflowsOnQueue();
    expect((await runBackfill(kinds, { concurrency: 3 })).failures).toEqual([]);
    expect(await workflowsOnQueue()).toBe(before);
    await expect(temporal.workflow.getHandle(userWorkflowId(purged.userId)).describe()).rejects.toThrow(/not found/i);
  });

  it('gives customers their lifecycles too: ended ones backdated to their end, resumed after a crash, never twice', async () => {
    const active = await Promise.all(Array.from({ length: 3 }, () => seedCustomer(db)));
    const ended = await Promise.all(Array.from({ length: 2 }, () => seedCustomer(db)));
    const endedAt = new Date(Date.now() - 10 * 86_400_000);
    await db.customer.updateMany({ where: { id: { in: ended } }, data: { status: 'ended', endedAt } });
    // Still active in the user system although the customer ended: the cascade ends it as of the customer's end.
    const employee = await seedUser(db, ended[0]);
    const closed = await seedCustomer(db);
    await db.customer.update({ where: { id: closed }, data: { status: 'closed' } });

    // A run that crashes right after writing its first customer checkpoint (pages of 2) …
    const checkpoint: Record<string, string> = {};
    const crash = new Error('crash');
    const crashed = runBackfill(kinds, {
      concurrency: 3,
      pageSize: 2,
      onProgress: ({ kind, lastId }) => {
        if (!lastId) return;
        checkpoint[kind] = lastId;
        if (kind === 'customer') throw crash;
      },
    });
    await expect(crashed).rejects.toBe(crash);
    expect(Object.keys(checkpoint).sort()).toEqual(['customer', 'user']);

    // … resumes with the checkpoint of both kinds: no user again, only the customers after it.
    const left = await db.customer.count({ where: { status: { in: ['active', 'ended'] }, id: { gt: checkpoint.customer } } });
    expect(left).toBeGreaterThan(0);
    let totals: Record<string, number> = {};
    const resumed = await runBackfill(kinds, {
      concurrency: 3,
      pageSize: 2,
      resumeAfter: checkpoint,
      onTotal: (_all, byKind) => (totals = byKind),
    });
    expect(resumed.failures).toEqual([]);
    // Contacts, support cases and prospects have none pending here.
    expect(totals).toEqual({ user: 0, customer: left, contact: 0, supportCase: 0, prospect: 0 });
    expect(visited(resumed.byKind.user)).toBe(0);
    expect(visited(resumed.byKind.customer)).toBe(left);

    for (const id of active) {
      expect((await temporal.workflow.getHandle(customerWorkflowId(id)).query(customerStateQuery)).phase).toBe('ACTIVE');
    }
    for (const id of ended) {
      const view = await temporal.workflow.getHandle(customerWorkflowId(id)).query(customerStateQuery);
      expect(view.phase).toBe('ENDED');
      expect(view.endedAt).toBe(endedAt.toISOString());
    }
    await expect
      .poll(
        async () => {
          const view = await temporal.workflow.getHandle(userWorkflowId(employee.userId)).query(stateQuery);
          return [view.phase, view.terminatedAt];
        },
        { timeout: 30_000 },
      )
      .toEqual(['QUARANTINED', endedAt.toISOString()]);
    await expect(temporal.workflow.getHandle(customerWorkflowId(closed)).describe()).rejects.toThrow(/not found/i);

    // A full re-run visits every customer again and starts nothing new.
    const before = await workflowsOnQueue();
    const again = await runBackfill(kinds, { concurrency: 3 });
    expect(again.failures).toEqual([]);
    expect(visited(again.byKind.customer)).toBeGreaterThanOrEqual(active.length + ended.length);
    expect(await workflowsOnQueue()).toBe(before);
  });

  it('gives a departed contact its lifecycle as of the departure; active and anonymised contacts get none', async () => {
    const customerId = await seedCustomer(db);
    const [departed, active, anonymised] = await Promise.all([1, 2, 3].map(() => seedContact(db, customerId)));
    const departedAt = new Date(Date.now() - 10 * 86_400_000);
    await db.contactPerson.update({ where: { id: departed!.contactId }, data: { departedAt, departureReason: 'left-company' } });
    await db.contactPerson.update({ where: { id: anonymised!.contactId }, data: { departedAt, anonymisedAt: new Date() } });

    const result = await runBackfill(kinds, { concurrency: 3 });
    expect(result.failures).toEqual([]);
    const view = await temporal.workflow.getHandle(contactWorkflowId(departed!.contactId)).query(contactStateQuery);
    expect(view).toMatchObject({ phase: 'DEPARTED', departedAt: departedAt.toISOString(), customerId });
    for (const c of [active!, anonymised!]) {
      await expect(temporal.workflow.getHandle(contactWorkflowId(c.contactId)).describe()).rejects.toThrow(/not found/i);
    }
  });

  it("gives prospects and outside requesters' cases their lifecycles, a closed case's as of its closure; final ones none", async () => {
    const { prospectId, openCaseId, closedCaseId, closedAt } = await unmanagedProspectAndCases(db);
    // Final: an anonymised prospect and a case whose requester has been erased.
    const done = await unmanagedProspectAndCases(db);
    await db.prospect.update({ where: { id: done.prospectId }, data: { anonymisedAt: new Date(), name: null, email: null } });
    await db.supportCase.update({ where: { id: done.closedCaseId }, data: { requesterErasedAt: new Date() } });

    const result = await runBackfill(kinds, { concurrency: 3 });
    expect(result.failures).toEqual([]);
    expect((await temporal.workflow.getHandle(prospectWorkflowId(prospectId)).query(prospectStateQuery)).phase).toBe('ACTIVE');
    expect((await temporal.workflow.getHandle(supportCaseWorkflowId(openCaseId)).query(caseStateQuery)).phase).toBe('OPEN');
    const closed = await temporal.workflow.getHandle(supportCaseWorkflowId(closedCaseId)).query(caseStateQuery);
    expect(closed).toMatchObject({ phase: 'CLOSED', closedAt: closedAt.toISOString() });
    for (const id of [prospectWorkflowId(done.prospectId), supportCaseWorkflowId(done.closedCaseId)]) {
      await expect(temporal.workflow.getHandle(id).describe()).rejects.toThrow(/not found/i);
    }
  });
});
