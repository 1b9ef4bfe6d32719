// The admin console's API: every route needs role admin or auditor; actions need admin. Answers
// follow ra-data-simple-rest (bare JSON, Content-Range), never the service API's shapes.
import { Router, type RequestHandler } from 'express';
import type { Client } from '@temporalio/client';
import type { Role } from '../../config/env';
import type { Db } from '../../db/client';
import type { PolicySnapshot } from '../../policy/retention';
import { customersAdminRouter } from './customers/router';
import { createDashboardService } from './dashboard/service';
import { dashboardRouter } from './dashboard/router';
import { evidenceAdminRouter } from './evidence/router';
import { lifecyclesRouter } from './lifecycles/router';
import { createLifecycleAdminService, type SubjectActions } from './lifecycles/service';
import { reconciliationRouter } from './reconciliation/router';
import { createReconciliationAdminService } from './reconciliation/service';
import { usersAdminRouter } from './users/router';

export interface AdminApiDeps {
  db: Db;
  temporal: Client;
  policy: PolicySnapshot;
  /** The workers' task queue: where a reconciliation started from the console runs. */
  taskQueue: string;
  requireRole: (...roles: Role[]) => RequestHandler;
  /** Lifecycle actions per kind ('user' → the service API's user service). */
  actions: Partial<Record<string, SubjectActions>>;
  timeoutMs?: number;
}

export function adminRouter({ db, temporal, policy, taskQueue, requireRole, actions, timeoutMs }: AdminApiDeps): Router {
  const router = Router();
  // Authentication (admin or auditor) runs in app.ts before the body is read.
  router.use((_req, res, next) => {
    // react-admin reads the list total from Content-Range; a cross-origin UI may only if exposed.
    res.set('Access-Control-Expose-Headers', 'Content-Range');
    // Pages about people's accounts: no shared cache keeps them.
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.use(dashboardRouter(createDashboardService(db, temporal)));
  router.use('/lifecycles', lifecyclesRouter(createLifecycleAdminService({ db, temporal, policy, actions, timeoutMs }), requireRole('admin')));
  router.use('/users', usersAdminRouter(db));
  router.use('/customers', customersAdminRouter(db));
  router.use('/evidence', evidenceAdminRouter(db));
  router.use('/reconciliation', reconciliationRouter(createReconciliationAdminService({ db, temporal, taskQueue, policy, timeoutMs }), requireRole('admin')));
  return router;
}
