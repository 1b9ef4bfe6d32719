// /api/admin/reconciliation: the reconciliation runs (jobs/reconciliation/workflow.ts), newest first, in
// the console's list contract (ra-data-simple-rest: bare array + Content-Range), one run with its
// findings, and "run now" for admins. Counts and opaque IDs only.
import { Router, type RequestHandler } from 'express';
import { parseListQuery, sendPage } from '../listQuery';
import { validate } from '../../validate';
import { RECONCILIATION_SORTS, reconciliationFilter, type ReconciliationConsole } from '../../../console/reconciliation';
import { runNowBody, runParams } from './schemas';

export function reconciliationRouter(service: ReconciliationConsole, adminOnly: RequestHandler): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const q = parseListQuery(req.query, { sortable: RECONCILIATION_SORTS, filter: reconciliationFilter, defaultOrder: 'desc' });
    const { rows, total } = await service.list(q);
    sendPage(res, 'reconciliation', q, rows, total);
  });

  router.post('/run', adminOnly, validate({ body: runNowBody }), async (_req, res) => {
    res.status(202).json(await service.runNow(res.locals.identity, res.locals.body.reason));
  });

  router.get('/:id', validate({ params: runParams }), async (_req, res) => {
    res.json(await service.get(res.locals.params.id));
  });

  return router;
}
