// /api/admin/dashboard, /api/admin/kinds (what the console filters by) and /api/admin/whoami (the
// login page checks a token with it).
import { Router } from 'express';
import type { DashboardConsole } from '../../../console/dashboard';
import { kindInfoFor } from '../../../console/subjects';
import { ALL_KINDS } from '../../../lifecycles/registry';

export function dashboardRouter(dashboard: DashboardConsole): Router {
  const router = Router();
  router.get('/whoami', (_req, res) => {
    res.json({ id: res.locals.role, role: res.locals.role });
  });
  // Each kind with what the caller's role reads of its records: the console's pages of any kind
  // show these fields and no others (the records' answers leave the rest out anyway).
  router.get('/kinds', (_req, res) => {
    res.json(ALL_KINDS.map((reg) => kindInfoFor(String(res.locals.role), reg)));
  });
  router.get('/dashboard', async (_req, res) => {
    res.json(await dashboard.summary());
  });
  // Temporal's part, bounded: the dashboard shows the Postgres part first and marks this one when it does not answer.
  router.get('/dashboard/checks', async (_req, res) => {
    res.json(await dashboard.checks());
  });
  return router;
}
