// /api/admin/conformance: the conformance scan's findings and scans in the console's list contract
// (ra-data-simple-rest), a finding's repair and "scan now" for admins, and the status the dashboard
// shows. Opaque IDs, rules, dates and counts only.
import { Router, type RequestHandler } from 'express';
import { FINDING_SORTS, findingFilter, SCAN_SORTS, scanFilter, type ConformanceConsole } from '../../../console/conformance';
import { validate } from '../../validate';
import { parseListQuery, sendPage } from '../listQuery';
import { idParams, repairBody, scanNowBody } from './schemas';

export function conformanceRouter(service: ConformanceConsole, adminOnly: RequestHandler): Router {
  const router = Router();

  router.get('/status', async (_req, res) => {
    res.json(await service.status());
  });

  router.get('/findings', async (req, res) => {
    const q = parseListQuery(req.query, { sortable: FINDING_SORTS, filter: findingFilter, defaultOrder: 'desc' });
    const { rows, total } = await service.findings(q);
    sendPage(res, 'findings', q, rows, total);
  });

  router.get('/findings/:id', validate({ params: idParams }), async (_req, res) => {
    res.json(await service.finding(res.locals.params.id));
  });

  router.post('/findings/:id/repair', adminOnly, validate({ params: idParams, body: repairBody }), async (_req, res) => {
    res.status(202).json(await service.repair(res.locals.identity, res.locals.params.id, res.locals.body.reason));
  });

  router.get('/scans', async (req, res) => {
    const q = parseListQuery(req.query, { sortable: SCAN_SORTS, filter: scanFilter, defaultOrder: 'desc' });
    const { rows, total } = await service.scans(q);
    sendPage(res, 'scans', q, rows, total);
  });

  router.post('/scans/run', adminOnly, validate({ body: scanNowBody }), async (_req, res) => {
    res.status(202).json(await service.scanNow(res.locals.identity, res.locals.body.reason));
  });

  router.get('/scans/:id', validate({ params: idParams }), async (_req, res) => {
    res.json(await service.scan(res.locals.params.id));
  });

  return router;
}
