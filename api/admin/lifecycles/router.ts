// /api/admin/lifecycles: the ra-data-simple-rest list and record, the live part, the rows' presence
// in Temporal, the history (timeline, raw and decoded downloads), and the actions.
import { Router, type RequestHandler } from 'express';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { LoadedDataConverter } from '@temporalio/common';
import { LIFECYCLE_SORTS, lifecycleFilter, type LifecycleConsole } from '../../../console/lifecycles';
import { decodedHistory } from '../../../console/historyExport';
import { buildTimeline } from '../../../console/timeline';
import { parseListQuery, sendPage } from '../listQuery';
import { validate } from '../../validate';
import { actionBody, actionParams, lifecycleParams, presenceQuery } from './schemas';

const fileName = (id: string, suffix: string) => `${id.replace(/[^A-Za-z0-9._-]/g, '_')}-${suffix}.json`;

export function lifecyclesRouter(lifecycles: LifecycleConsole, converter: LoadedDataConverter, adminOnly: RequestHandler): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const q = parseListQuery(req.query, { sortable: LIFECYCLE_SORTS, filter: lifecycleFilter });
    const { rows, total } = await lifecycles.list(q);
    sendPage(res, 'lifecycles', q, rows, total);
  });

  // Before /:id: a lifecycle's ID always starts with its kind, never "presence".
  router.get('/presence', validate({ query: presenceQuery }), async (_req, res) => {
    res.json(await lifecycles.presence(res.locals.query.ids));
  });

  router.get('/:id', validate({ params: lifecycleParams }), async (_req, res) => {
    res.json(await lifecycles.get(res.locals.params.id));
  });

  router.get('/:id/live', validate({ params: lifecycleParams }), async (_req, res) => {
    res.json(await lifecycles.live(res.locals.params.id));
  });

  router.get('/:id/history', validate({ params: lifecycleParams }), async (_req, res) => {
    const { id, history, adminActions } = await lifecycles.history(res.locals.params.id);
    res.json({ id, timeline: await buildTimeline(history.events ?? [], converter), adminActions });
  });

  // The history exactly as Temporal exports it (the CLI and Web UI import this format); payloads encrypted.
  router.get('/:id/history/raw', validate({ params: lifecycleParams }), async (_req, res) => {
    const { id, history } = await lifecycles.history(res.locals.params.id);
    res.attachment(fileName(id, 'history')).type('json').send(historyToJSON(history));
  });

  // The same history with every payload decrypted and decoded, for an auditor to read.
  router.get('/:id/history/decoded', validate({ params: lifecycleParams }), async (_req, res) => {
    const { id, history } = await lifecycles.history(res.locals.params.id);
    res.attachment(fileName(id, 'history-decoded')).json(await decodedHistory(id, history, converter));
  });

  router.post('/:id/:action', adminOnly, validate({ params: actionParams, body: actionBody }), async (_req, res) => {
    const { id, action } = res.locals.params;
    res.json(await lifecycles.act(res.locals.identity, id, action, res.locals.body.reason));
  });

  return router;
}
