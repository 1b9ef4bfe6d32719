// Bulk users with realistic Norwegian personal data for the benches.
import { fakerNB_NO as faker } from '@faker-js/faker';
import type { Db } from '../../db/client';
import { uniqueId } from '../../testkit/ids';

/** `customers` (default 1) active business customers share the users round-robin. */
export async function seedUsers(
  db: Db,
  count: number,
  opts: { deactivated?: number; deactivatedAt?: Date; customers?: number } = {},
): Promise<string[]> {
  const customerIds = Array.from({ length: opts.customers ?? 1 }, () => uniqueId('cust'));
  await db.customer.createMany({ data: customerIds.map((id) => ({ id, type: 'business' as const, name: faker.company.name() })) });
  const ids: string[] = [];
  for (let offset = 0; offset < count; offset += 2000) {
    const users = Array.from({ length: Math.min(2000, count - offset) }, (_, i) => {
      const deactivated = offset + i < (opts.deactivated ?? 0);
      return {
        id: `${uniqueId('u')}-${offset + i}`,
        customerId: customerIds[(offset + i) % customerIds.length]!,
        username: `${faker.internet.username()}.${offset + i}.${faker.string.alphanumeric(4)}`.toLowerCase(),
        firstName: faker.person.firstName(),
        lastName: faker.person.lastName(),
        email: faker.internet.email().toLowerCase(),
        phone: `+479${faker.string.numeric(7)}`,
        status: deactivated ? ('deactivated' as const) : ('active' as const),
        deactivatedAt: deactivated ? (opts.deactivatedAt ?? new Date()) : null,
      };
    });
    await db.userAccount.createMany({ data: users });
    await db.loginFactor.createMany({ data: users.map((u) => ({ userId: u.id, phone: u.phone, enabled: u.status === 'active' })) });
    ids.push(...users.map((u) => u.id));
  }
  return ids;
}
