// /api/admin/customers: read views of customers (personal fields for admins only).
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { CustomerStatus, CustomerType } from '../../../generated/prisma/enums';
import { NotFoundError } from '../../errors';
import { idsFilter, parseListQuery, sendPage } from '../listQuery';
import { CUSTOMER_FIELDS, selectFor } from '../subjectFields';

const filter = z.strictObject({
  id: idsFilter.optional(),
  q: z.string().trim().max(64).optional().describe('prefix of the customer ID'),
  status: z.enum(CustomerStatus).optional(),
  type: z.enum(CustomerType).optional(),
});
const SORTS = ['id', 'status', 'type', 'createdAt', 'endedAt'] as const;

export function customersAdminRouter(db: Db): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const q = parseListQuery(req.query, { sortable: SORTS, filter });
    const where = { id: q.filter.id ? { in: q.filter.id } : q.filter.q ? { startsWith: q.filter.q } : undefined, status: q.filter.status, type: q.filter.type };
    const [rows, total] = await Promise.all([
      db.customer.findMany({ where, select: selectFor(res.locals.role, CUSTOMER_FIELDS), orderBy: [{ [q.sort.field]: q.sort.order }, { id: 'asc' }], skip: q.skip, take: q.take }),
      db.customer.count({ where }),
    ]);
    sendPage(res, 'customers', q, rows, total);
  });

  router.get('/:id', async (req, res) => {
    const customer = await db.customer.findUnique({ where: { id: req.params.id }, select: selectFor(res.locals.role, CUSTOMER_FIELDS) });
    if (!customer) throw new NotFoundError(`customer ${req.params.id} not found`);
    const [users, lifecycles] = await Promise.all([
      db.userAccount.count({ where: { customerId: customer.id } }),
      db.lifecycleProjection.findMany({ where: { customerId: customer.id }, select: { workflowId: true, kind: true, subjectId: true, phase: true, status: true, dueAt: true }, take: 100, orderBy: { workflowId: 'asc' } }),
    ]);
    res.json({ ...customer, userCount: users, lifecycles });
  });

  return router;
}
