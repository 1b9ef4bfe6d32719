// What the console shows of a contact person: auditors see IDs, role, departure and times; admins
// also the personal fields. The list filters by customer. The console reaches contacts flat, at
// /api/admin/contacts/{id} (IDs are unique across customers); only the service API nests them.
import { z } from 'zod';
import type { AdminView } from '../registration';

export const contactAdminView: AdminView = {
  fields: {
    auditor: {
      id: true,
      customerId: true,
      role: true,
      departedAt: true,
      departureReason: true,
      anonymisedAt: true,
      createdAt: true,
      lastTouchedAt: true,
    },
    personal: { firstName: true, lastName: true, email: true, phone: true },
  },
  filters: { customerId: z.string().min(1).max(64).optional() },
  sorts: ['id', 'customerId', 'createdAt', 'departedAt'],
  // A row names the person (for admins) and says whether and when they left; the rest (the role too)
  // on the page: with the role, a long e-mail made the list wider than a 1440 px screen.
  columns: ['id', 'customerId', 'firstName', 'lastName', 'email', 'departedAt', 'anonymisedAt'],
  // Who (details for admins), for whom, then the dates the rules count from.
  order: [
    'id',
    'customerId',
    'firstName',
    'lastName',
    'email',
    'phone',
    'role',
    'departedAt',
    'departureReason',
    'lastTouchedAt',
    'createdAt',
    'anonymisedAt',
  ],
  findMany: (db, args) => db.contactPerson.findMany(args as Parameters<typeof db.contactPerson.findMany>[0]),
  count: (db, where) => db.contactPerson.count({ where }),
  findOne: (db, id, select) => db.contactPerson.findUnique({ where: { id }, select }),
  async detail(db, id) {
    const lifecycles = await db.lifecycleProjection.findMany({
      where: { kind: 'contact', subjectId: id },
      // kind and subjectId too: the page labels the phase by its kind (a contact's DEPARTED).
      select: { workflowId: true, kind: true, subjectId: true, phase: true, status: true, dueAt: true },
    });
    return { lifecycles };
  },
};
