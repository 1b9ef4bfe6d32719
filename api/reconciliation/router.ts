// GET /api/admin/reconciliation: the reconciliation runs, newest first, in the admin console's
// list contract (ra-data-simple-rest: bare array + Content-Range). Counts and workflow IDs only.
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { parseListQuery, sendPage } from '../admin/listQuery';

export function reconciliationRouter(db: Db): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const q = parseListQuery(req.query as Record<string, unknown>, { sortable: ['finishedAt'], filter: z.strictObject({}), defaultOrder: 'desc' });
    const [rows, total] = await Promise.all([
      db.reconciliationRun.findMany({ orderBy: { finishedAt: q.sort.order }, skip: q.skip, take: q.take }),
      db.reconciliationRun.count(),
    ]);
    sendPage(res, 'reconciliation', q, rows, total);
  });
  return router;
}
