// The lifecycle list's bench data, shared by bench:admin-list (the API) and bench:console (the console
// in Chromium): real user lifecycles whose rows the worker writes, plus bulk projection rows.
import { fakerNB_NO as faker } from '@faker-js/faker';
import type { Db } from '../../db/client';
import { uniqueId } from '../../testkit/ids';

export const DAY = 86_400_000;
const PHASES: Record<string, string[]> = {
  user: ['ACTIVE', 'QUARANTINED', 'PURGED'],
  customer: ['ACTIVE', 'ENDED', 'CRM_ANONYMISED', 'CLOSED'],
};

/** `rows` projection rows with a realistic mix, written in bulk with the projection writer's shape. */
export async function seedProjectionRows(db: Db, customers: string[], rows: number): Promise<void> {
  const now = Date.now();
  const data = Array.from({ length: rows }, (_, i) => {
    const kind = i % 10 === 0 ? 'customer' : 'user';
    const phase = faker.helpers.arrayElement(PHASES[kind]!);
    const status =
      phase === 'PURGED' || phase === 'CLOSED'
        ? 'completed'
        : faker.helpers.weightedArrayElement([
            { weight: 95, value: 'running' },
            { weight: 3, value: 'cancelled' },
            { weight: 2, value: 'failed' },
          ]);
    const due = phase === 'QUARANTINED' || phase === 'ENDED' || phase === 'CRM_ANONYMISED';
    const onHold = due && i % 17 === 0;
    const subjectId = `${kind}-bench-${String(i).padStart(6, '0')}`;
    return {
      workflowId: `${kind}-lifecycle-${subjectId}`,
      kind,
      subjectId,
      customerId: faker.helpers.arrayElement(customers),
      phase,
      status,
      dueAt: due && !onHold ? new Date(now + faker.number.int({ min: -2, max: 112 }) * DAY) : null,
      onHold,
      policyVersion: 'nitd-2026.1',
      version: BigInt(now * 1000),
    };
  });
  for (let i = 0; i < data.length; i += 2000) await db.lifecycleProjection.createMany({ data: data.slice(i, i + 2000) });
}

/** `real` users terminated through the service API, so the worker writes their rows as in production. */
export async function startRealLifecycles(
  api: string,
  db: Db,
  customerId: string,
  { real, concurrency, serviceToken }: { real: number; concurrency: number; serviceToken: string },
): Promise<void> {
  const users = Array.from({ length: real }, () => ({
    id: uniqueId('user'),
    customerId,
    firstName: faker.person.firstName(),
    lastName: faker.person.lastName(),
    email: faker.internet.email(),
    phone: `+47 9${faker.string.numeric(7)}`,
  }));
  await db.userAccount.createMany({ data: users });
  await db.loginFactor.createMany({ data: users.map((u) => ({ userId: u.id, phone: u.phone })) });
  const queue = [...users];
  let failed = 0;
  const fire = async () => {
    for (let u = queue.shift(); u; u = queue.shift()) {
      const res = await fetch(`${api}/api/v1/users/${u.id}/termination`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${serviceToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ reasonCode: 'employee-left' }),
      });
      if (res.status !== 202) failed++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, fire));
  if (failed) throw new Error(`${failed} terminations failed`);
  // The worker writes each row right after the termination; wait until all are there.
  for (let i = 0; i < 600; i++) {
    const n = await db.lifecycleProjection.count({ where: { subjectId: { in: users.map((u) => u.id) }, phase: 'QUARANTINED' } });
    if (n === real) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('not every real lifecycle wrote its projection row');
}
