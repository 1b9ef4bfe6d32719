// /api/admin/users: read views of user accounts (personal fields for admins only).
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { UserStatus } from '../../../generated/prisma/enums';
import { NotFoundError } from '../../errors';
import { idsFilter, parseListQuery, sendPage } from '../listQuery';
import { selectFor, USER_FIELDS } from '../subjectFields';

const filter = z.strictObject({
  id: idsFilter.optional(),
  q: z.string().trim().max(64).optional().describe('prefix of the user ID'),
  status: z.enum(UserStatus).optional(),
  customerId: z.string().min(1).max(64).optional(),
});
const SORTS = ['id', 'status', 'createdAt', 'updatedAt'] as const;

export function usersAdminRouter(db: Db): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const q = parseListQuery(req.query, { sortable: SORTS, filter });
    const where = { id: q.filter.id ? { in: q.filter.id } : q.filter.q ? { startsWith: q.filter.q } : undefined, status: q.filter.status, customerId: q.filter.customerId };
    const [rows, total] = await Promise.all([
      db.userAccount.findMany({ where, select: selectFor(res.locals.role, USER_FIELDS), orderBy: [{ [q.sort.field]: q.sort.order }, { id: 'asc' }], skip: q.skip, take: q.take }),
      db.userAccount.count({ where }),
    ]);
    sendPage(res, 'users', q, rows, total);
  });

  router.get('/:id', async (req, res) => {
    const user = await db.userAccount.findUnique({ where: { id: req.params.id }, select: selectFor(res.locals.role, USER_FIELDS) });
    if (!user) throw new NotFoundError(`user ${req.params.id} not found`);
    const lifecycles = await db.lifecycleProjection.findMany({ where: { kind: 'user', subjectId: user.id }, select: { workflowId: true, phase: true, status: true, dueAt: true } });
    res.json({ ...user, lifecycles });
  });

  return router;
}
