// /api/admin/lifecycles: the ra-data-simple-rest list and record, the history, and the actions.
import { Router, type RequestHandler } from 'express';
import { LIFECYCLE_SORTS, lifecycleFilter, type LifecycleConsole } from '../../../console/lifecycles';
import { parseListQuery, sendPage } from '../listQuery';
import { validate } from '../../validate';
import { actionBody, actionParams, lifecycleParams } from './schemas';

export function lifecyclesRouter(lifecycles: LifecycleConsole, adminOnly: RequestHandler): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const q = parseListQuery(req.query, { sortable: LIFECYCLE_SORTS, filter: lifecycleFilter });
    const { rows, total } = await lifecycles.list(q);
    sendPage(res, 'lifecycles', q, rows, total);
  });

  router.get('/:id', validate({ params: lifecycleParams }), async (_req, res) => {
    res.json(await lifecycles.get(res.locals.params.id));
  });

  router.get('/:id/history', validate({ params: lifecycleParams }), async (_req, res) => {
    const { raw: _raw, ...history } = await lifecycles.history(res.locals.params.id);
    res.json(history);
  });

  // The history exactly as Temporal exports it (the CLI and Web UI import this format).
  router.get('/:id/history/raw', validate({ params: lifecycleParams }), async (_req, res) => {
    const { id } = res.locals.params;
    const { raw } = await lifecycles.history(id);
    res.attachment(`${id.replace(/[^A-Za-z0-9._-]/g, '_')}-history.json`).json(raw);
  });

  router.post('/:id/:action', adminOnly, validate({ params: actionParams, body: actionBody }), async (_req, res) => {
    const { id, action } = res.locals.params;
    res.json(await lifecycles.act(res.locals.identity, id, action, res.locals.body.reason));
  });

  return router;
}
