// After a restore from a backup: who does the erasure journal (lifecycles/shared/erasureJournal.ts)
// say was erased, and which of them has the restored database brought back? Each such subject is
// erased again by the re-erasure workflow (jobs/reErasure), under backups.re-purge, with the
// kinds' own idempotent steps. Reads opaque IDs and whether fields are set; never a value.
import type { Client } from '@temporalio/client';
import type { Db } from '../db/client';
import type { JournalEntry } from '../lifecycles/shared/erasureJournal';
import { reErasureWorkflow, reErasureWorkflowId, type ReErasureStep } from '../jobs/reErasure/workflow';

export interface RePurgePlan {
  subjectKind: string;
  subjectId: string;
  steps: ReErasureStep[];
}

const CHUNK = 500;
const chunks = <T>(xs: T[]) => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

/** Users the journal names whose account, login factor or support cases hold personal data again. */
async function usersBack(db: Db, ids: string[]): Promise<Set<string>> {
  const back = new Set<string>();
  for (const part of chunks(ids)) {
    const rows = await db.userAccount.findMany({
      where: {
        id: { in: part },
        OR: [
          { status: { not: 'purged' } },
          { customerId: { not: null } },
          { username: { not: null } },
          { firstName: { not: null } },
          { lastName: { not: null } },
          { email: { not: null } },
          { phone: { not: null } },
          { loginFactors: { some: {} } },
          { supportCases: { some: {} } },
        ],
      },
      select: { id: true },
    });
    for (const r of rows) back.add(r.id);
  }
  return back;
}

/** Prospects the journal names (anonymised or converted) whose name or contact details are back. */
async function prospectsBack(db: Db, ids: string[]): Promise<Set<string>> {
  const back = new Set<string>();
  for (const part of chunks(ids)) {
    const rows = await db.prospect.findMany({
      where: {
        id: { in: part },
        OR: [{ name: { not: null } }, { email: { not: null } }, { phone: { not: null } }, { address: { not: null } }],
      },
      select: { id: true },
    });
    for (const r of rows) back.add(r.id);
  }
  return back;
}

async function casesBack(db: Db, ids: string[]): Promise<Set<string>> {
  const back = new Set<string>();
  for (const part of chunks(ids)) {
    const rows = await db.supportCase.findMany({
      where: {
        id: { in: part },
        OR: [
          { requesterId: { not: null } },
          { requesterName: { not: null } },
          { requesterEmail: { not: null } },
          { requesterPhone: { not: null } },
        ],
      },
      select: { id: true },
    });
    for (const r of rows) back.add(r.id);
  }
  return back;
}

/** Customers whose CRM data (and, where the ERP step had run, billing identity) is back. */
async function customersBack(db: Db, ids: string[]): Promise<{ crm: Set<string>; erp: Set<string> }> {
  const crm = new Set<string>();
  const erp = new Set<string>();
  for (const part of chunks(ids)) {
    const [crmRows, erpRows] = await Promise.all([
      db.customer.findMany({
        where: {
          id: { in: part },
          OR: [
            { status: { in: ['active', 'ended'] } },
            { email: { not: null } },
            { phone: { not: null } },
            { address: { not: null } },
            { type: 'private', name: { not: null } },
            { contacts: { some: { anonymisedAt: null } } },
            { crmActivities: { some: { anonymisedAt: null } } },
          ],
        },
        select: { id: true },
      }),
      db.customer.findMany({
        // Billing identity back, or the relationship no longer closed (the ERP step closes it).
        where: { id: { in: part }, OR: [{ invoices: { some: { anonymisedAt: null } } }, { status: { not: 'closed' } }] },
        select: { id: true },
      }),
    ]);
    for (const r of crmRows) crm.add(r.id);
    for (const r of erpRows) erp.add(r.id);
  }
  return { crm, erp };
}

/** Contact persons anonymised before the backup was restored whose data is back (the row, activities with them, cases they raised). */
async function contactsBack(db: Db, ids: string[]): Promise<Set<string>> {
  const back = new Set<string>();
  for (const part of chunks(ids)) {
    const rows = await db.contactPerson.findMany({
      where: {
        id: { in: part },
        OR: [
          { anonymisedAt: null },
          { firstName: { not: null } },
          { lastName: { not: null } },
          { email: { not: null } },
          { phone: { not: null } },
          { activities: { some: { anonymisedAt: null } } },
          { supportCases: { some: {} } },
        ],
      },
      select: { id: true },
    });
    for (const r of rows) back.add(r.id);
  }
  return back;
}

/** What to erase again: one plan per subject the journal names and the database has brought back. */
export async function planRePurge(db: Db, entries: JournalEntry[]): Promise<{ plans: RePurgePlan[]; named: number }> {
  const byKind = new Map<string, Map<string, Set<string>>>();
  for (const e of entries) {
    if (e.action !== 'purge' && e.action !== 'anonymise') continue;
    const subjects = byKind.get(e.subjectKind) ?? new Map<string, Set<string>>();
    const marks = subjects.get(e.subjectId) ?? new Set<string>();
    marks.add(e.rule);
    for (const t of e.tables ?? []) marks.add(`table:${t}`);
    subjects.set(e.subjectId, marks);
    byKind.set(e.subjectKind, subjects);
  }
  const ids = (kind: string) => [...(byKind.get(kind)?.keys() ?? [])];
  const plans: RePurgePlan[] = [];
  for (const id of await usersBack(db, ids('user'))) plans.push({ subjectKind: 'user', subjectId: id, steps: ['purge-user'] });
  for (const id of await casesBack(db, ids('supportCase')))
    plans.push({ subjectKind: 'supportCase', subjectId: id, steps: ['erase-case-requester'] });
  for (const id of await prospectsBack(db, ids('prospect')))
    plans.push({ subjectKind: 'prospect', subjectId: id, steps: ['anonymise-prospect'] });
  const customers = await customersBack(db, ids('customer'));
  for (const id of ids('customer')) {
    // The ERP step is repeated only where it had run before the restore: the journal says erp.cap,
    // or names ErpInvoice (ERP went with the CRM step, under its rule).
    const marks = byKind.get('customer')!.get(id)!;
    const erpDone = marks.has('erp.cap') || marks.has('table:ErpInvoice');
    const steps: ReErasureStep[] = [
      ...(customers.crm.has(id) ? (['anonymise-crm'] as const) : []),
      ...(erpDone && customers.erp.has(id) ? (['anonymise-erp'] as const) : []),
    ];
    if (steps.length) plans.push({ subjectKind: 'customer', subjectId: id, steps });
  }
  for (const id of await contactsBack(db, ids('contact')))
    plans.push({ subjectKind: 'contact', subjectId: id, steps: ['anonymise-contact'] });
  return { plans, named: [...byKind.values()].reduce((n, m) => n + m.size, 0) };
}

export interface RePurgeOutcome {
  erased: number;
  failed: Array<{ subjectKind: string; subjectId: string; error: string }>;
}

/** Runs each plan as a re-erasure workflow on the workers' queue and waits for all of them. */
export async function runRePurge(
  temporal: Client,
  plans: RePurgePlan[],
  opts: { taskQueue: string; policyVersion: string; reason: string; concurrency?: number; onDone?: (done: number) => void },
): Promise<RePurgeOutcome> {
  const outcome: RePurgeOutcome = { erased: 0, failed: [] };
  const queue = [...plans];
  let done = 0;
  const worker = async () => {
    for (let plan = queue.shift(); plan; plan = queue.shift()) {
      try {
        const handle = await temporal.workflow.start(reErasureWorkflow, {
          workflowId: reErasureWorkflowId(plan.subjectKind, plan.subjectId),
          taskQueue: opts.taskQueue,
          args: [
            {
              subjectId: plan.subjectId,
              steps: plan.steps,
              rule: 'backups.re-purge',
              policyVersion: opts.policyVersion,
              reason: opts.reason,
            },
          ],
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'ALLOW_DUPLICATE',
        });
        await handle.result();
        outcome.erased++;
      } catch (err) {
        outcome.failed.push({ subjectKind: plan.subjectKind, subjectId: plan.subjectId, error: (err as Error).message });
      }
      opts.onDone?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 20, plans.length) }, worker));
  return outcome;
}
