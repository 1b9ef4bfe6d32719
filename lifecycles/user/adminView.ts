// What the console shows of a user account: auditors see IDs, statuses and times; admins also the
// personal fields. The list filters by status and customer.
import { z } from 'zod';
import { UserStatus } from '../../generated/prisma/enums';
import type { AdminView } from '../registration';

export const userAdminView: AdminView = {
  fields: {
    auditor: { id: true, status: true, customerId: true, deactivatedAt: true, purgedAt: true, createdAt: true, updatedAt: true },
    personal: { username: true, firstName: true, lastName: true, email: true, phone: true },
  },
  filters: { status: z.enum(UserStatus).optional(), customerId: z.string().min(1).max(64).optional() },
  sorts: ['id', 'status', 'createdAt', 'updatedAt'],
  findMany: (db, args) => db.userAccount.findMany(args as Parameters<typeof db.userAccount.findMany>[0]),
  count: (db, where) => db.userAccount.count({ where }),
  findOne: (db, id, select) => db.userAccount.findUnique({ where: { id }, select }),
  async detail(db, id) {
    const lifecycles = await db.lifecycleProjection.findMany({
      where: { kind: 'user', subjectId: id },
      select: { workflowId: true, phase: true, status: true, dueAt: true },
    });
    return { lifecycles };
  },
};
