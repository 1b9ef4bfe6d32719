// The customers as the lifecycle code reads them (lifecycles/subjects.ts). Anonymised (CRM done,
// ERP not yet) and closed customers are not pending: their lifecycle has run its CRM step already,
// so backfill leaves them alone (docs/reliability.md).
import type { Db } from '../../db/client';
import { afterId, type SubjectTable } from '../subjects';

const PENDING = ['active', 'ended'] as const;

export function customerSubjects(db: Db): SubjectTable {
  return {
    async find(customerId) {
      const customer = await db.customer.findUnique({ where: { id: customerId }, select: { status: true, endedAt: true } });
      // A customer is its own customer link: CustomerId finds its lifecycle beside its users'.
      return (
        customer && { final: customer.status === 'closed', active: customer.status === 'active', customerId, endedAt: customer.endedAt }
      );
    },
    async pending(after, take, { endedOnly = false } = {}) {
      const rows = await db.customer.findMany({
        where: { status: endedOnly ? 'ended' : { in: [...PENDING] }, ...afterId(after) },
        orderBy: { id: 'asc' },
        take,
        select: { id: true, status: true, endedAt: true },
      });
      return rows.map((c) => ({ id: c.id, customerId: c.id, active: c.status === 'active', endedAt: c.endedAt }));
    },
    countPending: (after) => db.customer.count({ where: { status: { in: [...PENDING] }, ...afterId(after) } }),
    async existing(ids) {
      const rows = await db.customer.findMany({ where: { id: { in: ids } }, select: { id: true } });
      return new Set(rows.map((r) => r.id));
    },
  };
}
