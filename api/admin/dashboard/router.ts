// /api/admin/dashboard and /api/admin/whoami (the login page checks a token with it).
import { Router } from 'express';
import type { createDashboardService } from './service';

export function dashboardRouter(dashboard: ReturnType<typeof createDashboardService>): Router {
  const router = Router();
  router.get('/whoami', (_req, res) => {
    res.json({ id: res.locals.role, role: res.locals.role });
  });
  router.get('/dashboard', async (_req, res) => {
    res.json(await dashboard.summary());
  });
  return router;
}
