// Demo data for `npm start`: customers with contacts (one departed), user accounts with their SMS
// login factor, support cases, CRM activities and invoices, prospects and outside requesters' cases,
// i.e. everything the lifecycle pipeline later quarantines, purges or anonymises. Deterministic
// (fixed faker seed, offsets from `now`) and written only into an empty database, so restarts never
// duplicate or overwrite anything.
import { fakerNB_NO as faker } from '@faker-js/faker';
import type { Prisma } from '../../generated/prisma/client';
import type { Db } from '../../db/client';
import { buildDemoProspects, departOneContact } from './seed-prospects';
import {
  companyDomain,
  CONTACT_ROLES,
  CRM_KINDS,
  CRM_NOTES,
  person,
  postalAddress,
  PRODUCT_LINES,
  slug,
  SUPPORT_TOPICS,
  type Person,
} from './seed-data';

export interface SeedOptions {
  customers?: number;
  /** Dates are generated backwards from here. */
  now?: Date;
  seed?: number;
}

export interface SeedSummary {
  seeded: boolean;
  customers: number;
  users: number;
  supportCases: number;
  crmActivities: number;
  invoices: number;
  prospects: number;
}

const DAY = 86_400_000;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

export async function seedDemoData(db: Db, options: SeedOptions = {}): Promise<SeedSummary> {
  if ((await db.customer.count()) > 0) {
    return { seeded: false, customers: 0, users: 0, supportCases: 0, crmActivities: 0, invoices: 0, prospects: 0 };
  }
  const rows = buildDemoData(options);
  await db.$transaction([
    db.customer.createMany({ data: rows.customers }),
    db.contactPerson.createMany({ data: rows.contacts }),
    db.userAccount.createMany({ data: rows.users }),
    db.loginFactor.createMany({ data: rows.loginFactors }),
    db.supportCase.createMany({ data: rows.supportCases }),
    db.crmActivity.createMany({ data: rows.crmActivities }),
    db.erpInvoice.createMany({ data: rows.invoices }),
    db.prospect.createMany({ data: rows.prospects }),
  ]);
  return {
    seeded: true,
    customers: rows.customers.length,
    users: rows.users.length,
    supportCases: rows.supportCases.length,
    crmActivities: rows.crmActivities.length,
    invoices: rows.invoices.length,
    prospects: rows.prospects.length,
  };
}

export function buildDemoData({ customers: count = 20, now = new Date(), seed = 20_251_125 }: SeedOptions = {}) {
  faker.seed(seed);
  const ago = (maxDays: number, minDays = 0) => new Date(now.getTime() - faker.number.int({ min: minDays * DAY, max: maxDays * DAY }));
  const customers: Prisma.CustomerCreateManyInput[] = [];
  const contacts: Prisma.ContactPersonCreateManyInput[] = [];
  const users: Prisma.UserAccountCreateManyInput[] = [];
  const loginFactors: Prisma.LoginFactorCreateManyInput[] = [];
  const supportCases: Prisma.SupportCaseCreateManyInput[] = [];
  const crmActivities: Prisma.CrmActivityCreateManyInput[] = [];
  const invoices: Prisma.ErpInvoiceCreateManyInput[] = [];
  const usernames = new Set<string>();
  let invoiceSeq = 0;

  for (let c = 1; c <= count; c++) {
    const customerId = `cust-${pad(c, 4)}`;
    const business = c % 5 !== 0 && c % 5 !== 3; // 60 % business, 40 % private
    const createdAt = ago(6 * 365, 400);
    let people: Person[];
    let contactPeople: Person[];
    let billingName: string;
    let billingEmail: string;
    const address = postalAddress(faker);

    if (business) {
      const company = faker.company.name();
      const domain = companyDomain(company);
      people = Array.from({ length: faker.number.int({ min: 1, max: 4 }) }, () => person(faker, domain));
      contactPeople = Array.from({ length: faker.number.int({ min: 1, max: 3 }) }, () => person(faker, domain));
      billingName = company;
      billingEmail = `faktura@${domain}`;
      const switchboard = `+47${faker.helpers.arrayElement(['2', '3', '5', '6', '7'])}${faker.string.numeric(7)}`; // landline
      customers.push({ id: customerId, type: 'business', name: company, email: `post@${domain}`, phone: switchboard, address, createdAt });
      contactPeople.forEach((p, i) =>
        contacts.push({
          id: `contact-${pad(c, 4)}-${pad(i + 1, 2)}`,
          customerId,
          ...p,
          role: faker.helpers.arrayElement(CONTACT_ROLES),
          createdAt,
        }),
      );
    } else {
      const self = person(faker);
      people = [self];
      contactPeople = [self];
      billingName = `${self.firstName} ${self.lastName}`;
      billingEmail = self.email;
      customers.push({ id: customerId, type: 'private', name: billingName, email: self.email, phone: self.phone, address, createdAt });
    }

    people.forEach((p, i) => {
      const userId = `user-${pad(c, 4)}-${pad(i + 1, 2)}`;
      let username = `${slug(p.firstName)}.${slug(p.lastName)}`;
      while (usernames.has(username)) username = `${slug(p.firstName)}.${slug(p.lastName)}${faker.string.numeric(2)}`;
      usernames.add(username);
      const userCreated = new Date(Math.max(createdAt.getTime(), ago(3 * 365).getTime()));
      users.push({ id: userId, customerId, username, ...p, createdAt: userCreated });
      loginFactors.push({ id: `factor-${pad(c, 4)}-${pad(i + 1, 2)}`, userId, kind: 'sms', phone: p.phone, createdAt: userCreated });
      for (let k = 1; k <= faker.number.int({ min: 0, max: 3 }); k++) {
        const topic = faker.helpers.arrayElement(SUPPORT_TOPICS);
        const openedAt = ago(540, 1);
        const closed = faker.datatype.boolean({ probability: 0.75 });
        supportCases.push({
          id: `case-${pad(c, 4)}-${pad(i + 1, 2)}-${pad(k, 2)}`,
          requesterId: userId,
          requesterName: `${p.firstName} ${p.lastName}`,
          requesterEmail: p.email,
          requesterPhone: p.phone,
          ...topic,
          status: closed ? 'closed' : 'open',
          openedAt,
          closedAt: closed ? new Date(openedAt.getTime() + faker.number.int({ min: 1, max: 72 }) * 3_600_000) : null,
        });
      }
    });

    for (let k = 1; k <= faker.number.int({ min: 2, max: 4 }); k++) {
      const kind = faker.helpers.arrayElement(CRM_KINDS);
      const contact = faker.helpers.arrayElement(contactPeople);
      crmActivities.push({
        id: `crm-${pad(c, 4)}-${pad(k, 2)}`,
        customerId,
        kind,
        productLine: faker.helpers.arrayElement(PRODUCT_LINES),
        amountNok: kind === 'tilbud' || kind === 'fornyelse' ? faker.number.int({ min: 5, max: 400 }) * 1000 : null,
        occurredAt: ago(3 * 365),
        // A business's contacts are ContactPerson rows: the activity names which (their lifecycle anonymises it).
        contactId: business ? `contact-${pad(c, 4)}-${pad(contactPeople.indexOf(contact) + 1, 2)}` : null,
        contactName: `${contact.firstName} ${contact.lastName}`,
        contactEmail: contact.email,
        notes: faker.helpers.arrayElement(CRM_NOTES),
      });
    }

    const monthly = business ? faker.number.int({ min: 4_000, max: 60_000 }) : faker.number.int({ min: 300, max: 1_500 });
    for (let m = faker.number.int({ min: 4, max: 8 }); m >= 1; m--) {
      invoiceSeq++;
      const issuedAt = new Date(now.getFullYear(), now.getMonth() - m, 1, 12);
      invoices.push({
        id: `invoice-${pad(invoiceSeq, 5)}`,
        customerId,
        invoiceNumber: `${issuedAt.getFullYear()}-${pad(invoiceSeq, 5)}`,
        amountNok: (monthly * 1.25).toFixed(2), // incl. 25 % MVA
        issuedAt,
        billingName,
        billingAddress: address,
        billingEmail,
      });
    }
  }
  departOneContact(contacts, now);
  const { prospects, outsideCases } = buildDemoProspects(faker, now);
  supportCases.push(...outsideCases);
  return { customers, contacts, users, loginFactors, supportCases, crmActivities, invoices, prospects };
}
