// What the console shows of a contact person: auditors see IDs, role, departure and times; admins
// also the personal fields. The list filters by customer.
import { z } from 'zod';
import type { AdminView } from '../registration';

export const contactAdminView: AdminView = {
  fields: {
    auditor: { id: true, customerId: true, role: true, departedAt: true, departureReason: true, anonymisedAt: true, createdAt: true },
    personal: { firstName: true, lastName: true, email: true, phone: true },
  },
  filters: { customerId: z.string().min(1).max(64).optional() },
  sorts: ['id', 'customerId', 'createdAt', 'departedAt'],
  findMany: (db, args) => db.contactPerson.findMany(args as Parameters<typeof db.contactPerson.findMany>[0]),
  count: (db, where) => db.contactPerson.count({ where }),
  findOne: (db, id, select) => db.contactPerson.findUnique({ where: { id }, select }),
  async detail(db, id) {
    const lifecycles = await db.lifecycleProjection.findMany({
      where: { kind: 'contact', subjectId: id },
      select: { workflowId: true, phase: true, status: true, dueAt: true },
    });
    return { lifecycles };
  },
};
