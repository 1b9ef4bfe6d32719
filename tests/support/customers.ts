// A customer with everything the notice covers: contact persons, CRM activities, ERP invoices and
// (for a private customer) a name and home address. Realistic Norwegian values from faker; the
// checks below say which personal values are still anywhere and which business data is kept.
import { fakerNB_NO as faker } from '@faker-js/faker';
import type { Db } from '../../db/client';
import { CRM_KINDS, CRM_NOTES, PRODUCT_LINES, postalAddress } from '../../scripts/demo/seed-data';
import { norwegianMobile, uniqueId } from './subjects';

export interface SeededCustomer {
  customerId: string;
  type: 'business' | 'private';
  /** Personal values in CRM (customer row, contacts, CRM activities): gone at the CRM step. */
  crmPersonal: string[];
  /** Personal values on the invoices (billing identity): kept for bookkeeping until the ERP step. */
  erpPersonal: string[];
}

export async function seedCustomerRecords(
  db: Db,
  type: 'business' | 'private' = 'private',
  customerId = uniqueId('cust'),
): Promise<SeededCustomer> {
  const first = faker.person.firstName();
  const last = faker.person.lastName();
  const name = type === 'private' ? `${first} ${last}` : faker.company.name();
  const address = postalAddress(faker);
  const email = faker.internet.email({ firstName: first, lastName: last }).toLowerCase();
  const phone = norwegianMobile();
  await db.customer.create({ data: { id: customerId, type, name, email, phone, address } });

  const crmPersonal = [email, phone, address, ...(type === 'private' ? [name] : [])];
  for (let i = 0; i < 2; i++) {
    const c = { firstName: faker.person.firstName(), lastName: faker.person.lastName(), phone: norwegianMobile() };
    const contactEmail = faker.internet.email(c).toLowerCase();
    await db.contactPerson.create({ data: { customerId, ...c, email: contactEmail, role: 'IT-ansvarlig' } });
    const contactName = `${c.firstName} ${c.lastName}`;
    await db.crmActivity.create({
      data: {
        customerId,
        kind: CRM_KINDS[i]!,
        productLine: PRODUCT_LINES[i]!,
        amountNok: 12_500 + i,
        occurredAt: new Date(Date.UTC(2025, i, 15)),
        contactName,
        contactEmail,
        notes: `${CRM_NOTES[i]} Snakket med ${contactName}, ${c.phone}.`,
      },
    });
    crmPersonal.push(contactName, contactEmail, c.phone);
  }
  await db.erpInvoice.create({
    data: {
      customerId,
      invoiceNumber: uniqueId('INV'),
      amountNok: 9_990,
      issuedAt: new Date(Date.UTC(2025, 5, 1)),
      billingName: name,
      billingAddress: address,
      billingEmail: email,
    },
  });
  return { customerId, type, crmPersonal, erpPersonal: [name, address, email] };
}

/** The customer's CRM rows (customer, contacts, activities) or ERP rows (invoices), as one string. */
export async function customerRecords(db: Db, customerId: string, part: 'crm' | 'erp'): Promise<string> {
  const rows =
    part === 'crm'
      ? await Promise.all([
          db.customer.findMany({ where: { id: customerId } }),
          db.contactPerson.findMany({ where: { customerId } }),
          db.crmActivity.findMany({ where: { customerId } }),
        ])
      : await db.erpInvoice.findMany({ where: { customerId } });
  return JSON.stringify(rows);
}

/** Which of the values occur in the text (phone numbers in any spelling). */
export function valuesIn(text: string, values: string[]): string[] {
  const squashed = text.replace(/[\s.-]/g, '');
  return values.filter((v) => text.includes(v) || (/^\+?[\d\s]+$/.test(v) && squashed.includes(v.replace(/\D/g, '').slice(2))));
}

/** What must survive anonymisation: product lines, amounts, dates, invoice numbers. */
export async function businessData(db: Db, customerId: string) {
  const activities = await db.crmActivity.findMany({
    where: { customerId },
    orderBy: { occurredAt: 'asc' },
    select: { kind: true, productLine: true, amountNok: true, occurredAt: true },
  });
  const invoices = await db.erpInvoice.findMany({
    where: { customerId },
    select: { invoiceNumber: true, amountNok: true, issuedAt: true },
  });
  const contacts = await db.contactPerson.findMany({ where: { customerId }, select: { role: true } });
  return JSON.parse(JSON.stringify({ activities, invoices, contacts }));
}
