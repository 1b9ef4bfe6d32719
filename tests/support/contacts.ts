// A customer's contact person with everything the contact lifecycle covers: the contact row, a CRM
// activity linked to it, an older activity that names it only by e-mail, and a support case it
// raised (whose text names it); plus what must stay (business data, the role, the case's content).
import { fakerNB_NO as faker } from '@faker-js/faker';
import type { Db } from '../../db/client';
import { CRM_KINDS, CRM_NOTES, PRODUCT_LINES } from '../../scripts/demo/seed-data';
import { norwegianMobile, uniqueId } from './subjects';

export interface SeededContact {
  contactId: string;
  customerId: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  /** Every personal value written about the contact: none may survive its anonymisation or reach Temporal. */
  personal: string[];
  caseId: string;
  /** The CRM activities about the contact: one linked by contactId, one by e-mail only. */
  activityIds: string[];
}

/** The body of PUT …/contacts/{id} for a new contact. */
export function contactBody() {
  const firstName = faker.person.firstName();
  const lastName = faker.person.lastName();
  const email = faker.internet.email({ firstName, lastName, provider: `${faker.string.alpha(8)}.no` }).toLowerCase();
  return { firstName, lastName, email, phone: norwegianMobile(), role: 'IT-ansvarlig' };
}

/** CRM activities and a support case about a contact that already exists (provisioned through the API, say). */
export async function seedContactRecords(db: Db, contactId: string): Promise<SeededContact> {
  const c = await db.contactPerson.findUniqueOrThrow({ where: { id: contactId } });
  const name = `${c.firstName} ${c.lastName}`;
  const linked = await db.crmActivity.create({
    data: {
      customerId: c.customerId,
      contactId,
      kind: CRM_KINDS[0]!,
      productLine: PRODUCT_LINES[0]!,
      amountNok: 4_200,
      occurredAt: new Date(Date.UTC(2025, 3, 2)),
      contactName: name,
      contactEmail: c.email,
      notes: `${CRM_NOTES[0]} Snakket med ${name}, ${c.phone}.`,
    },
  });
  // From before the link existed: only the e-mail address (in another case) says who it was with.
  const byEmail = await db.crmActivity.create({
    data: {
      customerId: c.customerId,
      kind: CRM_KINDS[1]!,
      productLine: PRODUCT_LINES[1]!,
      amountNok: 990,
      occurredAt: new Date(Date.UTC(2024, 8, 9)),
      contactName: name,
      contactEmail: c.email!.toUpperCase(),
      notes: `Oppfølging med ${c.firstName}.`,
    },
  });
  const supportCase = await db.supportCase.create({
    data: {
      requesterKind: 'contact',
      customerId: c.customerId,
      contactId,
      requesterName: name,
      requesterEmail: c.email,
      requesterPhone: c.phone,
      subject: `VPN feiler for ${name}`,
      description: `${c.firstName} ${c.lastName} får feil 809 ved oppkobling. Ring ${c.phone} eller skriv til ${c.email}.`,
      category: 'nettverk',
    },
  });
  return {
    contactId,
    customerId: c.customerId,
    firstName: c.firstName!,
    lastName: c.lastName!,
    email: c.email!,
    phone: c.phone!,
    personal: [name, c.firstName!, c.lastName!, c.email!, c.phone!],
    caseId: supportCase.id,
    activityIds: [linked.id, byEmail.id],
  };
}

/** A contact of the customer written straight to the database, with its CRM activities and a support case. */
export async function seedContact(db: Db, customerId: string): Promise<SeededContact> {
  const contactId = uniqueId('contact');
  await db.contactPerson.create({ data: { id: contactId, customerId, ...contactBody() } });
  return seedContactRecords(db, contactId);
}

/**
 * Everything stored about the contact (its row, the activities about it, the case it raised), as one
 * string. Only its own rows: another contact of the customer may share a first or last name.
 */
export async function contactTraces(db: Db, c: SeededContact): Promise<string> {
  const rows = await Promise.all([
    db.contactPerson.findMany({ where: { id: c.contactId } }),
    db.crmActivity.findMany({ where: { id: { in: c.activityIds } } }),
    db.supportCase.findMany({ where: { id: c.caseId } }),
  ]);
  return JSON.stringify(rows);
}

/** Which of the contact's personal values occur in the text, whole words (a first name inside another word does not count). */
export function contactValuesIn(text: string, c: SeededContact): string[] {
  return personalValuesIn(text, c.personal);
}

/**
 * Which of these personal values occur in the text: names and addresses as whole words (a name may
 * be a piece of a UI word: "Even" in "Event"), phone numbers in any spelling of their digits.
 */
export function personalValuesIn(text: string, values: string[]): string[] {
  const squashed = text.replace(/[\s.-]/g, '');
  return values.filter((v) => {
    if (/^\+?[\d\s]+$/.test(v)) return squashed.includes(v.replace(/\D/g, '').slice(2));
    const escaped = v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu').test(text);
  });
}
