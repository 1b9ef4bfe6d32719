// /api/admin/lifecycles: the ra-data-simple-rest list and record, the history, and the actions.
import { Router, type RequestHandler } from 'express';
import { parseListQuery, sendPage } from '../listQuery';
import { validate } from '../../validate';
import { actionBody, actionParams, LIFECYCLE_SORTS, lifecycleFilter, lifecycleParams } from './schemas';
import type { LifecycleAdminService } from './service';

export function lifecyclesRouter(service: LifecycleAdminService, adminOnly: RequestHandler): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const q = parseListQuery(req.query, { sortable: LIFECYCLE_SORTS, filter: lifecycleFilter });
    const { rows, total } = await service.list(q);
    sendPage(res, 'lifecycles', q, rows, total);
  });

  router.get('/:id', validate({ params: lifecycleParams }), async (_req, res) => {
    res.json(await service.get(res.locals.params.id));
  });

  router.get('/:id/history', validate({ params: lifecycleParams }), async (_req, res) => {
    const { timeline, adminActions } = await service.history(res.locals.params.id);
    res.json({ id: res.locals.params.id, timeline, adminActions });
  });

  // The history exactly as Temporal exports it (the CLI and Web UI import this format).
  router.get('/:id/history/raw', validate({ params: lifecycleParams }), async (_req, res) => {
    const { id } = res.locals.params;
    const { raw } = await service.history(id);
    res.attachment(`${id.replace(/[^A-Za-z0-9._-]/g, '_')}-history.json`).json(raw);
  });

  router.post('/:id/:action', adminOnly, validate({ params: actionParams, body: actionBody }), async (_req, res) => {
    const { id, action } = res.locals.params;
    const { role } = res.locals as unknown as { role: string };
    res.json(await service.act(role, id, action, res.locals.body.reason));
  });

  return router;
}
