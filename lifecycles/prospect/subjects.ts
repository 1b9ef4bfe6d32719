// The prospects as the lifecycle code reads them (lifecycles/subjects.ts). A prospect is final once
// its row is anonymised (by its lifecycle, or handed over to a customer on conversion). Whether it is
// still pursued lives in its lifecycle only: the row knows no end, so every pending one is active.
import type { Db } from '../../db/client';
import { afterId, type SubjectTable } from '../subjects';

const PENDING = { anonymisedAt: null };

export function prospectSubjects(db: Db): SubjectTable {
  return {
    async find(prospectId) {
      const p = await db.prospect.findUnique({
        where: { id: prospectId },
        select: { anonymisedAt: true, convertedToCustomerId: true },
      });
      return p && { final: p.anonymisedAt !== null, active: true, customerId: p.convertedToCustomerId, endedAt: null };
    },
    async pending(after, take) {
      const rows = await db.prospect.findMany({
        where: { ...PENDING, ...afterId(after) },
        orderBy: { id: 'asc' },
        take,
        select: { id: true },
      });
      return rows.map((p) => ({ id: p.id, customerId: null, active: true, endedAt: null }));
    },
    countPending: (after) => db.prospect.count({ where: { ...PENDING, ...afterId(after) } }),
    async existing(ids) {
      const rows = await db.prospect.findMany({ where: { id: { in: ids } }, select: { id: true } });
      return new Set(rows.map((r) => r.id));
    },
  };
}
