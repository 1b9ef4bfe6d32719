// The user accounts as the lifecycle code reads them (lifecycles/subjects.ts).
import type { Db } from '../../db/client';
import { afterId, type SubjectTable } from '../subjects';

const PENDING = ['active', 'deactivated'] as const;

export function userSubjects(db: Db): SubjectTable {
  return {
    async find(userId) {
      const user = await db.userAccount.findUnique({
        where: { id: userId },
        select: { status: true, customerId: true, deactivatedAt: true },
      });
      return (
        user && {
          final: user.status === 'purged',
          active: user.status === 'active',
          customerId: user.customerId,
          endedAt: user.deactivatedAt,
        }
      );
    },
    async pending(after, take, { endedOnly = false } = {}) {
      const rows = await db.userAccount.findMany({
        where: { status: endedOnly ? 'deactivated' : { in: [...PENDING] }, ...afterId(after) },
        orderBy: { id: 'asc' },
        take,
        select: { id: true, customerId: true, status: true, deactivatedAt: true },
      });
      return rows.map((u) => ({ id: u.id, customerId: u.customerId, active: u.status === 'active', endedAt: u.deactivatedAt }));
    },
    countPending: (after) => db.userAccount.count({ where: { status: { in: [...PENDING] }, ...afterId(after) } }),
    async existing(ids) {
      const rows = await db.userAccount.findMany({ where: { id: { in: ids } }, select: { id: true } });
      return new Set(rows.map((r) => r.id));
    },
  };
}
