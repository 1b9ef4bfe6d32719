// /api/admin/dashboard, /api/admin/kinds (what the console filters by) and /api/admin/whoami (the
// login page checks a token with it).
import { Router } from 'express';
import type { DashboardConsole } from '../../../console/dashboard';
import type { KindInfo } from '../../../console/records';
import { ALL_KINDS } from '../../../lifecycles/registry';

const KINDS: KindInfo[] = ALL_KINDS.map(({ kind, plural, phases }) => ({ kind: kind.name, plural, phases }));

export function dashboardRouter(dashboard: DashboardConsole): Router {
  const router = Router();
  router.get('/whoami', (_req, res) => {
    res.json({ id: res.locals.role, role: res.locals.role });
  });
  router.get('/kinds', (_req, res) => {
    res.json(KINDS);
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
