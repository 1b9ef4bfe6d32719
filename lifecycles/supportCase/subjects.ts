// The support cases as the lifecycle code reads them (lifecycles/subjects.ts). Only outside
// requesters' cases are this kind's subjects: a user's, contact's or customer's case is ended by
// that subject's lifecycle. A case is final once its requester has been erased.
import type { Db } from '../../db/client';
import { afterId, type SubjectTable } from '../subjects';

const OWN = { requesterKind: 'external' } as const;
const PENDING = { ...OWN, requesterErasedAt: null };

export function supportCaseSubjects(db: Db): SubjectTable {
  return {
    async find(caseId) {
      const c = await db.supportCase.findFirst({
        where: { id: caseId, ...OWN },
        select: { status: true, closedAt: true, customerId: true, requesterErasedAt: true },
      });
      return c && { final: c.requesterErasedAt !== null, active: c.status !== 'closed', customerId: c.customerId, endedAt: c.closedAt };
    },
    async pending(after, take) {
      const rows = await db.supportCase.findMany({
        where: { ...PENDING, ...afterId(after) },
        orderBy: { id: 'asc' },
        take,
        select: { id: true, status: true, closedAt: true, customerId: true },
      });
      return rows.map((c) => ({ id: c.id, customerId: c.customerId, active: c.status !== 'closed', endedAt: c.closedAt }));
    },
    countPending: (after) => db.supportCase.count({ where: { ...PENDING, ...afterId(after) } }),
    async existing(ids) {
      const rows = await db.supportCase.findMany({ where: { id: { in: ids }, ...OWN }, select: { id: true } });
      return new Set(rows.map((r) => r.id));
    },
  };
}
