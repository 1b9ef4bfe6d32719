// What the console shows of a prospect: auditors see IDs, type, times and the customer it became;
// admins also its name and contact details.
import { z } from 'zod';
import type { AdminView } from '../registration';

export const prospectAdminView: AdminView = {
  fields: {
    auditor: {
      id: true,
      type: true,
      lastContactAt: true,
      convertedToCustomerId: true,
      convertedAt: true,
      anonymisedAt: true,
      createdAt: true,
      updatedAt: true,
    },
    personal: { name: true, email: true, phone: true, address: true },
  },
  filters: { type: z.enum(['business', 'private']).optional() },
  sorts: ['id', 'type', 'lastContactAt', 'createdAt'],
  // A row: who (for admins), what kind, the date the 5 years count from, and how it ended.
  columns: ['id', 'type', 'name', 'email', 'lastContactAt', 'convertedToCustomerId', 'anonymisedAt'],
  order: [
    'id',
    'type',
    'name',
    'email',
    'phone',
    'address',
    'lastContactAt',
    'convertedToCustomerId',
    'convertedAt',
    'createdAt',
    'updatedAt',
    'anonymisedAt',
  ],
  findMany: (db, args) => db.prospect.findMany(args as Parameters<typeof db.prospect.findMany>[0]),
  count: (db, where) => db.prospect.count({ where }),
  findOne: (db, id, select) => db.prospect.findUnique({ where: { id }, select }),
  async detail(db, id) {
    const lifecycles = await db.lifecycleProjection.findMany({
      where: { kind: 'prospect', subjectId: id },
      select: { workflowId: true, kind: true, subjectId: true, phase: true, status: true, dueAt: true },
    });
    return { lifecycles };
  },
};
