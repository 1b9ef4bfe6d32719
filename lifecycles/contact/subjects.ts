// The contact persons as the lifecycle code reads them (lifecycles/subjects.ts). A contact needs a
// lifecycle of its own only once it has departed and until it is anonymised; an active contact's
// data is kept under the customer's relationship and goes with the customer's CRM step.
import type { Db } from '../../db/client';
import { afterId, type SubjectTable } from '../subjects';

const PENDING = { departedAt: { not: null }, anonymisedAt: null } as const;

export function contactSubjects(db: Db): SubjectTable {
  return {
    async find(contactId) {
      const c = await db.contactPerson.findUnique({
        where: { id: contactId },
        select: { customerId: true, departedAt: true, anonymisedAt: true },
      });
      return c && { final: c.anonymisedAt !== null, active: c.departedAt === null, customerId: c.customerId, endedAt: c.departedAt };
    },
    async pending(after, take) {
      const rows = await db.contactPerson.findMany({
        where: { ...PENDING, ...afterId(after) },
        orderBy: { id: 'asc' },
        take,
        select: { id: true, customerId: true, departedAt: true },
      });
      return rows.map((c) => ({ id: c.id, customerId: c.customerId, active: false, endedAt: c.departedAt }));
    },
    countPending: (after) => db.contactPerson.count({ where: { ...PENDING, ...afterId(after) } }),
    async existing(ids) {
      const rows = await db.contactPerson.findMany({ where: { id: { in: ids } }, select: { id: true } });
      return new Set(rows.map((r) => r.id));
    },
  };
}
