// The demo's people outside the customer base, so every kind's console page has rows on `npm start`:
// prospects (some never contacted, some contacted lately) and outside requesters' support cases.
// Drawn after the customers from the same seeded faker, so adding them changed none of the
// customers' data. The reconciliation run the demo starts (lifecycles.ts) gives each its lifecycle.
import type { Faker } from '@faker-js/faker';
import type { Prisma } from '../../generated/prisma/client';
import { companyDomain, person, postalAddress, SUPPORT_TOPICS } from './seed-data';

const DAY = 86_400_000;

export function buildDemoProspects(faker: Faker, now: Date) {
  const ago = (maxDays: number, minDays = 0) => new Date(now.getTime() - faker.number.int({ min: minDays * DAY, max: maxDays * DAY }));
  const prospects: Prisma.ProspectCreateManyInput[] = [];
  for (let i = 1; i <= 4; i++) {
    const createdAt = ago(900, 60);
    // Half were contacted since they were registered: their 5 years count from that contact.
    const lastContactAt = i % 2 === 0 ? new Date(Math.max(createdAt.getTime(), ago(60).getTime())) : null;
    const id = `prospect-${String(i).padStart(4, '0')}`;
    if (i <= 2) {
      const company = faker.company.name();
      prospects.push({ id, type: 'business', name: company, email: `post@${companyDomain(company)}`, lastContactAt, createdAt });
    } else {
      const p = person(faker);
      const name = `${p.firstName} ${p.lastName}`;
      prospects.push({
        id,
        type: 'private',
        name,
        email: p.email,
        phone: p.phone,
        address: postalAddress(faker),
        lastContactAt,
        createdAt,
      });
    }
  }

  const outsideCases: Prisma.SupportCaseCreateManyInput[] = [];
  for (let i = 1; i <= 2; i++) {
    const p = person(faker);
    const openedAt = ago(120, 2);
    const closed = i === 1;
    outsideCases.push({
      id: `case-external-${String(i).padStart(2, '0')}`,
      requesterKind: 'external',
      requesterName: `${p.firstName} ${p.lastName}`,
      requesterEmail: p.email,
      requesterPhone: p.phone,
      ...faker.helpers.arrayElement(SUPPORT_TOPICS),
      status: closed ? 'closed' : 'open',
      openedAt,
      closedAt: closed ? new Date(openedAt.getTime() + 26 * 3_600_000) : null,
    });
  }
  return { prospects, outsideCases };
}

/**
 * One business contact who left its customer 45 days ago, so the contacts' page has a lifecycle of
 * its own to open (the others are covered by their customer's). The customer's last contact when it
 * has more than one, so the customer keeps someone to talk to.
 */
export function departOneContact(contacts: Prisma.ContactPersonCreateManyInput[], now: Date): void {
  const count = (customerId: string) => contacts.filter((c) => c.customerId === customerId).length;
  const leaver = [...contacts].reverse().find((c) => count(c.customerId) > 1);
  if (!leaver) return;
  leaver.departedAt = new Date(now.getTime() - 45 * DAY);
  leaver.departureReason = 'left-company';
}
