// What the console shows of an outside requester's case: auditors see IDs, kind, statuses, times
// and the intake's counts; admins also the requester's details and the case's text.
import { z } from 'zod';
import type { AdminView } from '../registration';

const OWN = { requesterKind: 'external' } as const;

export const supportCaseAdminView: AdminView = {
  fields: {
    auditor: {
      id: true,
      requesterKind: true,
      customerId: true,
      category: true,
      status: true,
      openedAt: true,
      closedAt: true,
      requesterErasedAt: true,
      intakeRedactions: true,
    },
    personal: { requesterName: true, requesterEmail: true, requesterPhone: true, subject: true, description: true },
  },
  filters: { status: z.enum(['open', 'closed']).optional(), customerId: z.string().optional() },
  sorts: ['id', 'status', 'openedAt', 'closedAt'],
  // The case's text, category and the intake's counts only on its page (a list row fits a 1440 px
  // screen); the requester's name and e-mail for admins.
  columns: ['id', 'status', 'customerId', 'requesterName', 'requesterEmail', 'openedAt', 'closedAt'],
  // A case's page: what it is, who asked (details for admins), when, then what was asked.
  order: [
    'id',
    'status',
    'category',
    'customerId',
    'requesterKind',
    'requesterName',
    'requesterEmail',
    'requesterPhone',
    'openedAt',
    'closedAt',
    'requesterErasedAt',
    'intakeRedactions',
    'subject',
    'description',
  ],
  findMany: (db, { where, ...args }) =>
    db.supportCase.findMany({ ...args, where: { ...where, ...OWN } } as Parameters<typeof db.supportCase.findMany>[0]),
  count: (db, where) => db.supportCase.count({ where: { ...where, ...OWN } }),
  findOne: (db, id, select) => db.supportCase.findFirst({ where: { id, ...OWN }, select }),
  async detail(db, id) {
    const lifecycles = await db.lifecycleProjection.findMany({
      where: { kind: 'supportCase', subjectId: id },
      select: { workflowId: true, kind: true, subjectId: true, phase: true, status: true, dueAt: true },
    });
    return { lifecycles };
  },
};
