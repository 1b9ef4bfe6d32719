// Test subjects with realistic Norwegian personal data, and the checks that it is gone.
import { fakerNB_NO as faker } from '@faker-js/faker';
import type { Db } from '../../db/client';
import { uniqueId } from '../../testkit/ids';

export { uniqueId };

export interface SeededUser {
  userId: string;
  customerId: string;
  /** Every personal value written for the user: none may survive the purge or reach Temporal. */
  personal: { username: string; firstName: string; lastName: string; email: string; phone: string };
}

export async function seedCustomer(db: Db, customerId = uniqueId('cust')): Promise<string> {
  await db.customer.create({
    data: { id: customerId, type: 'business', name: faker.company.name(), email: faker.internet.email(), phone: norwegianMobile() },
  });
  return customerId;
}

export function norwegianMobile(): string {
  return `+47 9${faker.string.numeric(2)} ${faker.string.numeric(2)} ${faker.string.numeric(3)}`;
}

/** A user's personal fields, realistic and unique enough to search for afterwards. */
export function personalData(): SeededUser['personal'] {
  // Four letters or more: "Per", "Liv" or "Dag" are also words the console and its logs use
  // ("Rader per side"), and a leak check that finds them there would fail by chance.
  const firstName = faker.helpers.multiple(() => faker.person.firstName(), { count: 20 }).find((n) => n.length >= 4) ?? 'Ingrid';
  const lastName = faker.helpers.multiple(() => faker.person.lastName(), { count: 20 }).find((n) => n.length >= 4) ?? 'Haugen';
  return {
    username: `${firstName}.${lastName}.${faker.string.alphanumeric(6)}`.toLowerCase(),
    firstName,
    lastName,
    email: faker.internet.email({ firstName, lastName }).toLowerCase(),
    phone: norwegianMobile(),
  };
}

/** The body of PUT /api/v1/users/{id}. */
export const newUserBody = (customerId: string) => ({ customerId, ...personalData() });

export async function seedUser(db: Db, customerId?: string): Promise<SeededUser> {
  const cid = customerId ?? (await seedCustomer(db));
  const userId = uniqueId('user');
  const personal = personalData();
  const { firstName, lastName } = personal;
  await db.userAccount.create({ data: { id: userId, customerId: cid, ...personal } });
  await db.loginFactor.create({ data: { userId, phone: personal.phone } });
  await db.supportCase.create({
    data: {
      requesterId: userId,
      requesterName: `${firstName} ${lastName}`,
      requesterEmail: personal.email,
      requesterPhone: personal.phone,
      subject: 'VPN-tilkobling faller ut',
      description: `Hei, dette er ${firstName} ${lastName}. VPN faller ut hver time. Ring meg på ${personal.phone}.`,
      category: 'network',
    },
  });
  return { userId, customerId: cid, personal };
}

/** Every place the user's personal data could remain, read back as one string. */
export async function personalTraces(db: Db, user: SeededUser): Promise<string> {
  const rows = await Promise.all([
    db.userAccount.findMany({ where: { id: user.userId } }),
    db.loginFactor.findMany({ where: { userId: user.userId } }),
    db.supportCase.findMany({
      where: {
        OR: [
          { requesterId: user.userId },
          { requesterEmail: user.personal.email },
          // The full name, not the surname alone: other test users share common Norwegian surnames.
          { description: { contains: `${user.personal.firstName} ${user.personal.lastName}` } },
        ],
      },
    }),
    db.evidence.findMany({ where: { subjectId: user.userId } }),
  ]);
  return JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
}

/** The personal values found in a text (a history, a log, a table dump). */
export function leakedValues(text: string, user: SeededUser): string[] {
  const digits = user.personal.phone.replace(/\D/g, '');
  // Names count as whole words only: a first name like "Per" or "Ina" is also a piece of many words.
  const asWord = (v: string) => new RegExp(`(?<!\\p{L})${escapeRegExp(v)}(?!\\p{L})`, 'iu').test(text);
  const found = Object.values(user.personal).filter((v) => asWord(v));
  // Catch the number in other spellings too ("91234567", "912-34-567").
  const spelled = new RegExp(digits.slice(2).split('').join('[\\s.-]?'));
  if (!found.includes(user.personal.phone) && spelled.test(text)) found.push(user.personal.phone);
  return found;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
