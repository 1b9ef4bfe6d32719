// A restored backup that brings back a contact person anonymised since: the erasure journal names the
// contact, planRePurge finds its data back and plans the contact's own step again; an anonymised
// contact that stayed anonymised is left alone.
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../../db/client';
import { createContactRecordActivities } from '../../lifecycles/contact/records';
import type { JournalEntry } from '../../lifecycles/shared/erasureJournal';
import { planRePurge } from '../../ops/rePurgeSubjects';
import { seedContact } from '../support/contacts';
import { testDatabaseUrl } from '../support/env';
import { testLedger } from '../support/temporal';
import { seedCustomer, uniqueId } from '../support/subjects';

const db = createDb(testDatabaseUrl());
afterAll(() => db.$disconnect());

describe('re-purge after a restore', () => {
  it('plans anonymise-contact for a journalled contact whose data is back, and nothing for one still anonymised', async () => {
    const customerId = await seedCustomer(db);
    const [back, gone] = await Promise.all([seedContact(db, customerId), seedContact(db, customerId)]);
    const journal: JournalEntry[] = [];
    const activities = createContactRecordActivities(db, testLedger(), { record: async (e) => void journal.push(e) });
    for (const c of [back, gone]) {
      await activities.anonymiseContact({
        contactId: c.contactId,
        rule: 'contact.anonymise',
        policyVersion: 'test',
        reason: null,
        triggeredAt: null,
        dueAt: null,
        workflowId: `contact-lifecycle-${c.contactId}`,
        runId: 'run',
        idempotencyKey: uniqueId('contact-step'),
      });
    }
    expect(journal.map((e) => [e.subjectKind, e.subjectId, e.rule])).toEqual([
      ['contact', back.contactId, 'contact.anonymise'],
      ['contact', gone.contactId, 'contact.anonymise'],
    ]);
    // The restore: the dump predates the anonymisation of `back`.
    await db.contactPerson.update({
      where: { id: back.contactId },
      data: { firstName: back.firstName, lastName: back.lastName, email: back.email, phone: back.phone, anonymisedAt: null },
    });
    const { plans } = await planRePurge(db, journal);
    expect(plans).toEqual([{ subjectKind: 'contact', subjectId: back.contactId, steps: ['anonymise-contact'] }]);
  });
});
