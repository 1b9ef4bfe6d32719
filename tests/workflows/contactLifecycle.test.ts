// The contact-person lifecycle on the time-skipping test server with the real activities on a real
// Postgres: three years pass in seconds. A departure is anonymised a day before departure + 3 years
// (contact, CRM activities with the contact, the case it raised), business data and the customer's
// other contacts stay; the customer's own CRM step coming first leaves the contact's step nothing to
// do but record it; a hold keeps the data, an erasure does not wait.
import { describe, expect, it } from 'vitest';
import { createContactService, type ContactService } from '../../lifecycles/contact/service';
import { contactStateQuery, contactWorkflowId, type ContactLifecycleView } from '../../lifecycles/contact/contract';
import { createCustomerRecordActivities } from '../../lifecycles/customer/records';
import { policyFromEnv } from '../../policy/fromEnv';
import { useTimeSkipping } from '../support/timeSkipping';
import { seedCustomer, uniqueId } from '../support/subjects';
import { contactTraces, contactValuesIn, seedContact, type SeededContact } from '../support/contacts';
import { readableHistory } from '../support/history';
import { testLedger } from '../support/temporal';

const DAY = 24 * 3600 * 1000;
const t = useTimeSkipping();

async function scenario(fn: (s: { contacts: ContactService; taskQueue: string }) => Promise<void>): Promise<void> {
  const taskQueue = uniqueId('tq');
  const worker = await t.worker(taskQueue);
  const contacts = createContactService(t.db, { temporal: t.env.client, taskQueue, policy: policyFromEnv({}) });
  await worker.runUntil(fn({ contacts, taskQueue }));
}

const handle = (contactId: string) => t.env.client.workflow.getHandle(contactWorkflowId(contactId));
const evidenceOf = (contactId: string) =>
  t.db.evidence.findMany({ where: { subjectKind: 'contact', subjectId: contactId }, orderBy: { seq: 'asc' } });

/** `at` with its UTC year moved on by `years`, less the one-day safety margin. */
function dueAfter(at: string, years: number): string {
  return new Date(Date.parse(`${Number(at.slice(0, 4)) + years}${at.slice(4)}`) - DAY).toISOString();
}

async function sleepUntil(iso: string): Promise<void> {
  const ms = Date.parse(iso) - (await t.env.currentTimeMs());
  if (ms > 0) await t.env.sleep(ms);
}

/** Polls the database until the contact is anonymised (no result(): it would unlock time skipping). */
async function anonymised(contactId: string): Promise<void> {
  const until = Date.now() + 30_000;
  while (!(await t.db.contactPerson.findUniqueOrThrow({ where: { id: contactId } })).anonymisedAt) {
    if (Date.now() > until) throw new Error(`contact ${contactId} not anonymised`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const leftIn = async (c: SeededContact) => contactValuesIn(await contactTraces(t.db, c), c);

describe('contact lifecycle', () => {
  it('anonymises a departed contact a day before departure + 3 years: contact, activities with it, its case; business data and other contacts stay', async () => {
    await scenario(async ({ contacts }) => {
      const customerId = await seedCustomer(t.db);
      const c = await seedContact(t.db, customerId);
      const other = await seedContact(t.db, customerId);
      const departedAt = new Date(await t.env.currentTimeMs()).toISOString();
      const v = (await contacts.terminate(c.contactId, departedAt, 'left-company')) as ContactLifecycleView;
      const due = dueAfter(departedAt, 3);
      expect(v).toMatchObject({ phase: 'DEPARTED', departedAt, departureReason: 'left-company', anonymiseDueAt: due, nextDueAt: due });
      expect(await t.db.contactPerson.findUniqueOrThrow({ where: { id: c.contactId } })).toMatchObject({
        departedAt: new Date(departedAt),
        departureReason: 'left-company',
      });

      await sleepUntil(new Date(Date.parse(due) - 60_000).toISOString());
      expect(await leftIn(c)).toEqual(c.personal);
      await sleepUntil(new Date(Date.parse(due) + 60_000).toISOString());
      await anonymised(c.contactId);

      expect(await leftIn(c)).toEqual([]);
      expect(await leftIn(other)).toEqual(other.personal);
      const kase = await t.db.supportCase.findUniqueOrThrow({ where: { id: c.caseId } });
      expect(kase).toMatchObject({ contactId: null, requesterName: null, category: 'nettverk' });
      expect(kase.description).toContain('får feil 809 ved oppkobling');
      const row = await t.db.contactPerson.findUniqueOrThrow({ where: { id: c.contactId } });
      expect(row).toMatchObject({ role: 'IT-ansvarlig', firstName: null, email: null });
      const activities = await t.db.crmActivity.findMany({ where: { customerId, anonymisedAt: { not: null } } });
      expect(activities.map((a) => a.amountNok?.toString()).sort()).toEqual(['4200', '990']);

      const [evidence, ...more] = await evidenceOf(c.contactId);
      expect(more).toEqual([]);
      expect(evidence).toMatchObject({
        action: 'anonymise',
        rule: 'contact.anonymise',
        workflowId: contactWorkflowId(c.contactId),
        tables: { ContactPerson: { anonymised: 1 }, CrmActivity: { anonymised: 2 }, SupportCase: { anonymised: 1 } },
        detail: { alreadyAnonymised: false, supportCaseIds: [c.caseId] },
      });
      expect(evidence!.dueAt?.toISOString()).toBe(due);
      expect(await handle(c.contactId).result()).toMatchObject({ phase: 'ANONYMISED', evidenceId: evidence!.id });

      // Nothing personal in the workflow's history: IDs, times and the reason code only.
      const history = await readableHistory(await handle(c.contactId).fetchHistory());
      expect(history).toContain('left-company');
      expect(contactValuesIn(history, c)).toEqual([]);
    });
  });

  it("when the customer's CRM step comes first, the contact's step finds nothing left and records its rule", async () => {
    await scenario(async ({ contacts }) => {
      const customerId = await seedCustomer(t.db);
      const c = await seedContact(t.db, customerId);
      const departedAt = new Date(await t.env.currentTimeMs()).toISOString();
      await contacts.terminate(c.contactId, departedAt, 'role-changed');
      // The relationship ends later and its CRM step runs (here directly, as an erasure would have it).
      await createCustomerRecordActivities(t.db, testLedger()).anonymiseCrm({
        customerId,
        rule: 'crm.erasure',
        policyVersion: 'test',
        reason: 'art. 17',
        triggeredAt: null,
        dueAt: null,
        workflowId: 'customer-lifecycle-test',
        runId: 'run',
        idempotencyKey: uniqueId('crm'),
      });
      expect(await leftIn(c)).toEqual([]);

      await sleepUntil(new Date(Date.parse(dueAfter(departedAt, 3)) + 60_000).toISOString());
      const until = Date.now() + 30_000;
      while ((await evidenceOf(c.contactId)).length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      const [evidence] = await evidenceOf(c.contactId);
      expect(evidence).toMatchObject({
        rule: 'contact.anonymise',
        tables: { ContactPerson: { anonymised: 0 }, CrmActivity: { anonymised: 0 }, SupportCase: { anonymised: 0 } },
        detail: { alreadyAnonymised: true },
      });
      expect(await handle(c.contactId).result()).toMatchObject({ phase: 'ANONYMISED' });
    });
  });

  it('a hold keeps the data past its date until released; an erasure runs at once under contact.erasure', async () => {
    await scenario(async ({ contacts }) => {
      const customerId = await seedCustomer(t.db);
      const held = await seedContact(t.db, customerId);
      const erased = await seedContact(t.db, customerId);
      const departedAt = new Date(await t.env.currentTimeMs()).toISOString();
      await contacts.terminate(held.contactId, departedAt, 'left-company');
      expect(await contacts.hold(held.contactId, 'tvist om leveranse')).toMatchObject({
        hold: { reason: 'tvist om leveranse' },
        nextDueAt: null,
      });

      await sleepUntil(new Date(Date.parse(dueAfter(departedAt, 3)) + 10 * DAY).toISOString());
      expect(await leftIn(held)).toEqual(held.personal);
      expect((await handle(held.contactId).query(contactStateQuery)).phase).toBe('DEPARTED');
      await contacts.release(held.contactId, 'tvist avsluttet');
      await anonymised(held.contactId);
      expect(await leftIn(held)).toEqual([]);

      // An active contact's erasure (art. 17): no departure needed, no waiting.
      await contacts.erase(erased.contactId, 'art. 17');
      await anonymised(erased.contactId);
      expect(await leftIn(erased)).toEqual([]);
      expect((await evidenceOf(erased.contactId))[0]).toMatchObject({ rule: 'contact.erasure', reason: 'art. 17' });
    });
  });
});
