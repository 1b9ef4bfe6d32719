// What the console shows of a customer: auditors see IDs, type, statuses and times; admins also the
// contact details. The page counts its users and lists its and their lifecycles.
import { z } from 'zod';
import { CustomerStatus, CustomerType } from '../../generated/prisma/enums';
import type { AdminView } from '../registration';

export const customerAdminView: AdminView = {
  fields: {
    auditor: { id: true, type: true, status: true, endedAt: true, anonymisedAt: true, createdAt: true, updatedAt: true },
    personal: { name: true, email: true, phone: true, address: true },
  },
  filters: { status: z.enum(CustomerStatus).optional(), type: z.enum(CustomerType).optional() },
  sorts: ['id', 'status', 'type', 'createdAt', 'endedAt'],
  findMany: (db, args) => db.customer.findMany(args as Parameters<typeof db.customer.findMany>[0]),
  count: (db, where) => db.customer.count({ where }),
  findOne: (db, id, select) => db.customer.findUnique({ where: { id }, select }),
  async detail(db, id) {
    const [userCount, lifecycles] = await Promise.all([
      db.userAccount.count({ where: { customerId: id } }),
      db.lifecycleProjection.findMany({
        where: { customerId: id },
        select: { workflowId: true, kind: true, subjectId: true, phase: true, status: true, dueAt: true },
        take: 100,
        orderBy: { workflowId: 'asc' },
      }),
    ]);
    return { userCount, lifecycles };
  },
};
