// The ageing sweep (jobs/ageing) on the dev server with a real worker and a database of its own.
// CRM activities, contact persons and invoices older than 5 years lose their personal fields, an
// active customer's and an ended one's alike; younger records and a held customer's stay as they
// were. Each batch leaves one evidence record with counts and ranges and no values; a second run
// finds nothing; a batch that crashes before its commit is redone from the checkpoint, and one whose
// reply is lost after the commit is answered from its record, so every row is aged exactly once.
// The conformance scan finds aged records by their own date and its repair runs the sweep; so does
// `npm run sweep:ageing -- --now`, ending with its JSON line.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { fakerNB_NO as faker } from '@faker-js/faker';
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../config/env';
import type { Db } from '../../db/client';
import type { AgeingSweepInput, AgeingSweepSummary } from '../../jobs/ageing/contract';
import { ageingInput, manualAgeingId } from '../../jobs/ageing/schedule';
import { ageingSweepWorkflow } from '../../jobs/ageing/workflow';
import { conformanceInput } from '../../jobs/conformance/schedule';
import type { ConformanceSummary } from '../../jobs/conformance/record';
import { conformanceScanWorkflow } from '../../jobs/conformance/workflow';
import { customerWorkflowId } from '../../lifecycles/customer/contract';
import { PROJECT_ROOT } from '../../scripts/tools';
import { ADMIN, useApp } from '../support/harness';
import { norwegianMobile, uniqueId } from '../support/subjects';

const DAY = 86_400_000;
const YEAR = 365 * DAY;
const ago = (ms: number) => new Date(Date.now() - ms);

/**
 * Crashes the worker's ageing batches on demand: `before` rolls the batch's transaction back after
 * its UPDATE and evidence insert ran (a crash mid-batch); `after` lets it commit and then fails the
 * attempt (the reply lost). Only first attempts crash, so Temporal's retry is what carries on.
 */
const crashes = { before: new Set<number>(), after: new Set<number>(), batches: 0 };

function inAgeBatch(): boolean {
  try {
    const { activityType, attempt } = Context.current().info;
    return activityType === 'ageBatch' && attempt === 1;
  } catch {
    return false; // not inside an activity
  }
}

const crashingDb = (db: Db): Db =>
  new Proxy(db, {
    get(target, prop) {
      if (prop !== '$transaction') return Reflect.get(target, prop) as unknown;
      return async (fn: (tx: unknown) => Promise<unknown>, opts: unknown) => {
        if (!inAgeBatch()) return target.$transaction(fn as never, opts as never);
        const n = crashes.batches++;
        const result = await target.$transaction(async (tx) => {
          const r = await fn(tx);
          if (crashes.before.delete(n)) throw new Error(`crash in batch ${n}, before its commit`);
          return r;
        }, opts as never);
        if (crashes.after.delete(n)) throw new Error(`crash in batch ${n}, after its commit`);
        return result;
      };
    },
  });

const stack = useApp({ worker: true, isolatedDb: true, prefix: 'ageing', workerDb: crashingDb });
let db: Db;
let temporal: Client;
let config: AppConfig;

beforeAll(() => {
  ({ db, temporal, config } = stack);
});

const sweep = (overrides: Partial<AgeingSweepInput> = {}, workflowId = uniqueId('ageing')) =>
  temporal.workflow.execute(ageingSweepWorkflow, {
    taskQueue: config.temporal.taskQueue,
    workflowId,
    args: [{ ...ageingInput(config.policy, DAY), ...overrides }],
  }) as Promise<AgeingSweepSummary>;

const scan = (): Promise<ConformanceSummary> =>
  temporal.workflow.execute(conformanceScanWorkflow, {
    taskQueue: config.temporal.taskQueue,
    workflowId: uniqueId('conformance'),
    args: [conformanceInput(config.policy, config.temporal.retentionMs)],
  });

interface Seeded {
  customerId: string;
  /** Every personal value written, old and fresh. */
  values: string[];
  old: { activities: string[]; contacts: string[]; invoices: string[] };
  fresh: { activities: string[]; contacts: string[]; invoices: string[] };
}

/** A customer with `old` records of each kind dated 6 years back (a day apart) and one fresh of each (4 years). */
async function seedCustomer(opts: { ended?: boolean; old?: number; onHold?: boolean } = {}): Promise<Seeded> {
  const customerId = uniqueId('cust');
  await db.customer.create({
    data: {
      id: customerId,
      type: 'business',
      name: faker.company.name(),
      status: opts.ended ? 'ended' : 'active',
      endedAt: opts.ended ? ago(10 * DAY) : null,
    },
  });
  if (opts.onHold)
    await db.lifecycleProjection.create({
      data: {
        workflowId: customerWorkflowId(customerId),
        kind: 'customer',
        subjectId: customerId,
        phase: 'ACTIVE',
        onHold: true,
        policyVersion: config.policy.version,
        version: 1n,
      },
    });
  const s: Seeded = {
    customerId,
    values: [],
    old: { activities: [], contacts: [], invoices: [] },
    fresh: { activities: [], contacts: [], invoices: [] },
  };
  const records = async (at: Date, into: Seeded['old']) => {
    const person = { firstName: faker.person.firstName(), lastName: faker.person.lastName(), phone: norwegianMobile() };
    const email = faker.internet.email(person).toLowerCase();
    const contactName = `${person.firstName} ${person.lastName}`;
    const notes = `Ringte ${contactName} på ${person.phone} om fornyelse.`;
    const billingAddress = `${faker.location.streetAddress()}, 0150 Oslo`;
    s.values.push(person.firstName, person.lastName, person.phone, email, contactName, notes, billingAddress);
    const activity = await db.crmActivity.create({
      data: { customerId, kind: 'call', productLine: 'drift', amountNok: 1200, occurredAt: at, contactName, contactEmail: email, notes },
    });
    into.activities.push(activity.id);
    const contact = await db.contactPerson.create({
      data: { customerId, ...person, email, role: 'IT-ansvarlig', createdAt: at, lastTouchedAt: at },
    });
    into.contacts.push(contact.id);
    const invoice = await db.erpInvoice.create({
      data: {
        customerId,
        invoiceNumber: uniqueId('INV'),
        amountNok: 9990,
        issuedAt: at,
        billingName: contactName,
        billingAddress,
        billingEmail: email,
      },
    });
    into.invoices.push(invoice.id);
  };
  for (let i = 0; i < (opts.old ?? 2); i++) await records(ago(6 * YEAR + i * DAY), s.old);
  await records(ago(4 * YEAR), s.fresh);
  return s;
}

/** Every personal column of the customer's records, with anonymisedAt. */
async function recordsOf(customerId: string) {
  const where = { customerId };
  const order = { id: 'asc' as const };
  return {
    activities: await db.crmActivity.findMany({ where, orderBy: order }),
    contacts: await db.contactPerson.findMany({ where, orderBy: order }),
    invoices: await db.erpInvoice.findMany({ where, orderBy: order }),
  };
}

const sweepEvidence = (workflowId: string) =>
  db.evidence.findMany({ where: { subjectKind: 'sweep', workflowId }, orderBy: { seq: 'asc' } });

let active: Seeded;
let ended: Seeded;
let held: Seeded;

describe('the ageing sweep', () => {
  it('anonymises records past 5 years by their own date, active or ended, and leaves fresh and held ones', async () => {
    active = await seedCustomer({ old: 3 });
    ended = await seedCustomer({ ended: true, old: 2 });
    held = await seedCustomer({ onHold: true, old: 1 });
    const heldBefore = await recordsOf(held.customerId);
    const freshBefore = await Promise.all([active, ended].map((s) => recordsOf(s.customerId)));

    const workflowId = uniqueId('ageing');
    const summary = await sweep({ batchSize: 2 }, workflowId);
    expect(summary.rows).toEqual({ CrmActivity: 5, ContactPerson: 5, ErpInvoice: 5 });

    for (const s of [active, ended]) {
      const r = await recordsOf(s.customerId);
      for (const a of r.activities.filter((x) => s.old.activities.includes(x.id)))
        expect(a).toMatchObject({ contactName: null, contactEmail: null, notes: null, anonymisedAt: expect.any(Date), kind: 'call' });
      for (const c of r.contacts.filter((x) => s.old.contacts.includes(x.id)))
        expect(c).toMatchObject({
          firstName: null,
          lastName: null,
          email: null,
          phone: null,
          anonymisedAt: expect.any(Date),
          role: 'IT-ansvarlig',
        });
      for (const i of r.invoices.filter((x) => s.old.invoices.includes(x.id)))
        expect(i).toMatchObject({ billingName: null, billingAddress: null, billingEmail: null, anonymisedAt: expect.any(Date) });
      // Business data stays: amounts, dates, invoice numbers.
      expect(r.invoices.every((i) => i.invoiceNumber && Number(i.amountNok) === 9990)).toBe(true);
    }
    // Fresh records are exactly as they were; the held customer's old ones too.
    const fresh = (r: Awaited<ReturnType<typeof recordsOf>>, s: Seeded) => ({
      activities: r.activities.filter((x) => s.fresh.activities.includes(x.id)),
      contacts: r.contacts.filter((x) => s.fresh.contacts.includes(x.id)),
      invoices: r.invoices.filter((x) => s.fresh.invoices.includes(x.id)),
    });
    for (const [i, s] of [active, ended].entries()) expect(fresh(await recordsOf(s.customerId), s)).toEqual(fresh(freshBefore[i]!, s));
    expect(await recordsOf(held.customerId)).toEqual(heldBefore);

    // One evidence record per non-empty batch (2 + 2 + 1 rows per table), counts and ranges, no values.
    const evidence = await sweepEvidence(workflowId);
    expect(evidence.map((e) => [e.subjectId, (e.tables as Record<string, { anonymised: number }>)[e.subjectId]!.anonymised])).toEqual([
      ['CrmActivity', 2],
      ['CrmActivity', 2],
      ['CrmActivity', 1],
      ['ContactPerson', 2],
      ['ContactPerson', 2],
      ['ContactPerson', 1],
      ['ErpInvoice', 2],
      ['ErpInvoice', 2],
      ['ErpInvoice', 1],
    ]);
    expect(summary).toMatchObject({ evidenceRecords: 9 });
    for (const e of evidence) {
      expect(e).toMatchObject({
        action: 'anonymise',
        rule: e.subjectId === 'ErpInvoice' ? 'erp.ageing' : 'crm.ageing',
        policyVersion: config.policy.version,
      });
      expect(e.detail).toMatchObject({ clause: 'crmErpMax', dates: { from: expect.any(String), to: expect.any(String) } });
      expect(e.dueAt!.getTime()).toBeLessThan(Date.now());
    }
    const ledger = JSON.stringify(evidence, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
    expect([...active.values, ...ended.values, ...held.values].filter((v) => ledger.includes(v))).toEqual([]);
  });

  it('does nothing on a second run', async () => {
    const before = await Promise.all([active, ended, held].map((s) => recordsOf(s.customerId)));
    const evidenceBefore = await db.evidence.count();
    const workflowId = uniqueId('ageing');
    const summary = await sweep({ batchSize: 2 }, workflowId);
    expect(summary).toMatchObject({ rows: { CrmActivity: 0, ContactPerson: 0, ErpInvoice: 0 }, evidenceRecords: 0 });
    expect(await db.evidence.count()).toBe(evidenceBefore);
    expect(await Promise.all([active, ended, held].map((s) => recordsOf(s.customerId)))).toEqual(before);
  });

  it('resumes a crashed batch from its checkpoint: every row aged once, one record per batch', async () => {
    const s = await seedCustomer({ old: 7 });
    // Batches 0-3 age CrmActivity (2, 2, 2, 1 rows): batch 1 crashes before its commit, batch 2 after.
    crashes.batches = 0;
    crashes.before = new Set([1]);
    crashes.after = new Set([2]);
    const workflowId = uniqueId('ageing');
    const summary = await sweep({ batchSize: 2 }, workflowId);
    expect(crashes.before.size + crashes.after.size).toBe(0); // both crashes happened
    expect(summary.rows).toEqual({ CrmActivity: 7, ContactPerson: 7, ErpInvoice: 7 });

    // The batches follow the (date, id) order with no gap and no overlap, as an uncrashed run would.
    const old = await db.crmActivity.findMany({ where: { id: { in: s.old.activities } }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] });
    const chunks = [old.slice(0, 2), old.slice(2, 4), old.slice(4, 6), old.slice(6)];
    const crm = (await sweepEvidence(workflowId)).filter((e) => e.subjectId === 'CrmActivity');
    expect(crm.map((e) => (e.detail as { keys: { from: { id: string }; to: { id: string } } }).keys)).toEqual(
      chunks.map((c) => ({
        from: { at: c[0]!.occurredAt.toISOString(), id: c[0]!.id },
        to: { at: c.at(-1)!.occurredAt.toISOString(), id: c.at(-1)!.id },
      })),
    );
    expect(crm.map((e) => e.idempotencyKey.split('/').at(-1))).toEqual(['0', '1', '2', '3']);
    expect(old.every((a) => a.contactName === null && a.anonymisedAt)).toBe(true);
    // The retried batch 2 was answered from its record: its rows carry the first attempt's time.
    const firstAttempt = crm[2]!.startedAt.getTime();
    expect(old.slice(4, 6).every((a) => a.anonymisedAt!.getTime() === firstAttempt)).toBe(true);

    // Temporal retried both crashed batches (a retried attempt leaves only its last start in the history).
    const history = await temporal.workflow.getHandle(workflowId).fetchHistory();
    const attempts = history.events!.flatMap((e) => e.activityTaskStartedEventAttributes?.attempt ?? []);
    expect(attempts.filter((a) => a > 1)).toEqual([2, 2]);
  });

  it('is what the conformance scan asks for: aged records are findings, the repair sweeps, the next scan resolves them', async () => {
    const s = await seedCustomer({ old: 1 });
    const found = await scan();
    expect(found.byRule).toMatchObject({ 'crm.ageing': 1, 'erp.ageing': 1 });
    const findings = await db.conformanceFinding.findMany({
      where: { subjectId: s.customerId, resolvedAt: null },
      orderBy: { check: 'asc' },
    });
    const aged = findings.filter((f) => f.check.endsWith('.aged-personal'));
    expect(aged.map((f) => [f.check, f.rule, f.repair])).toEqual([
      ['crm.aged-personal', 'crm.ageing', 'sweep-now'],
      ['erp.aged-personal', 'erp.ageing', 'sweep-now'],
    ]);
    // The held customer's records are past their date too, but the hold keeps them out.
    expect(await db.conformanceFinding.count({ where: { subjectId: held.customerId, check: { endsWith: '.aged-personal' } } })).toBe(0);

    const repair = await request(stack.app)
      .post(`/api/admin/conformance/findings/${aged[0]!.id}/repair`)
      .set(ADMIN)
      .send({ reasonCode: 'conformance-repair' })
      .expect(202);
    expect(repair.body).toMatchObject({ repair: 'sweep-now', outcome: 'accepted' });
    const result = (await temporal.workflow.getHandle(manualAgeingId(config.temporal.taskQueue)).result()) as AgeingSweepSummary;
    expect(result.rows).toEqual({ CrmActivity: 1, ContactPerson: 1, ErpInvoice: 1 });

    await scan();
    expect(await db.conformanceFinding.count({ where: { id: { in: aged.map((f) => f.id) }, resolvedAt: null } })).toBe(0);
  });

  it('runs from the command line on the running system: `npm run sweep:ageing -- --now` waits and ends with a JSON line', async () => {
    const s = await seedCustomer({ old: 1 });
    const { stdout, stderr } = await promisify(execFile)(
      path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx'),
      ['ops/sweep-ageing.ts', '--now'],
      {
        cwd: PROJECT_ROOT,
        env: {
          ...process.env,
          TEMPORAL_ADDRESS: config.temporal.address,
          TEMPORAL_NAMESPACE: config.temporal.namespace,
          TEMPORAL_TASK_QUEUE: config.temporal.taskQueue,
        },
      },
    );
    const last = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(last).toMatchObject({
      rows: { CrmActivity: 1, ContactPerson: 1, ErpInvoice: 1 },
      evidenceRecords: 3,
      workflowId: manualAgeingId(config.temporal.taskQueue),
    });
    expect(stderr).toMatch(/ageing sweep .* started/);
    expect((await recordsOf(s.customerId)).activities.filter((a) => a.contactName === null)).toHaveLength(1);
  });
});
