// The admin console's API: every route needs role admin or auditor; actions need admin. Answers
// follow ra-data-simple-rest (bare JSON, Content-Range), never the service API's shapes. The
// console's own logic (queries, actions, what each role may read) is in console/.
import { Router, type RequestHandler } from 'express';
import type { Client } from '@temporalio/client';
import type { Role } from '../../config/env';
import type { Db } from '../../db/client';
import type { Ledger } from '../../ledger/ledger';
import type { PolicySnapshot } from '../../policy/retention';
import { createConformanceConsole } from '../../console/conformance';
import { createDashboardConsole } from '../../console/dashboard';
import { createEvidenceConsole } from '../../console/evidence';
import { createLifecycleConsole } from '../../console/lifecycles';
import { pendingLookupFor } from '../../console/pending';
import { createReceipts } from '../../console/receipt';
import { createReconciliationConsole } from '../../console/reconciliation';
import { createSubjectConsole } from '../../console/subjects';
import type { SubjectService } from '../../lifecycles/registration';
import { ALL_KINDS } from '../../lifecycles/registry';
import type { KindName } from '../../lifecycles/shared/contract';
import type { UserService } from '../../lifecycles/user/service';
import { auditAdminRouter } from './audit/router';
import { conformanceRouter } from './conformance/router';
import { dashboardRouter } from './dashboard/router';
import { evidenceAdminRouter } from './evidence/router';
import { lifecyclesRouter } from './lifecycles/router';
import { reconciliationRouter } from './reconciliation/router';
import { subjectsAdminRouter } from './subjects/router';

export interface AdminApiDeps {
  db: Db;
  temporal: Client;
  policy: PolicySnapshot;
  /** The workers' task queue: where a reconciliation, a scan or a repair started from the console runs. */
  taskQueue: string;
  /** TEMPORAL_RETENTION, which a scan started from the console checks the namespace against. */
  temporalRetentionMs: number;
  /** AGEING_SWEEP_EVERY, for a sweep started as a conformance repair. */
  ageingEveryMs: number;
  requireRole: (...roles: Role[]) => RequestHandler;
  /** Each kind's service, the same the service API uses: admin actions take the same path. */
  services: Record<KindName, SubjectService>;
  /** Every admin action joins the AdminAction ledger. */
  ledger: Ledger;
  timeoutMs?: number;
}

export function adminRouter(deps: AdminApiDeps): Router {
  const { db, temporal, policy, taskQueue, requireRole, services, ledger, timeoutMs } = deps;
  const router = Router();
  const adminOnly = requireRole('admin');
  // Authentication (admin or auditor) runs in app.ts before the body is read.
  router.use((_req, res, next) => {
    // react-admin reads the list total from Content-Range; a cross-origin UI may only if exposed.
    res.set('Access-Control-Expose-Headers', 'Content-Range');
    // Pages about people's accounts: no shared cache keeps them.
    res.set('Cache-Control', 'no-store');
    next();
  });
  // Who is signed in, so the console can show the person, not only the role.
  router.get('/whoami', (_req, res) => {
    res.json(res.locals.identity);
  });
  router.use(dashboardRouter(createDashboardConsole(db, temporal)));
  router.use(
    '/lifecycles',
    lifecyclesRouter(
      createLifecycleConsole({ db, temporal, policy, services, taskQueue, ledger, timeoutMs }),
      temporal.options.loadedDataConverter,
      adminOnly,
    ),
  );
  for (const { kind, plural, adminView } of ALL_KINDS) {
    router.use(`/${plural}`, subjectsAdminRouter(plural, createSubjectConsole(db, kind.name, adminView)));
  }
  router.use('/evidence', evidenceAdminRouter(createEvidenceConsole(db)));
  // Receipts ask users' lifecycles where they stand, as the auditor API's do (api/app.ts).
  router.use(auditAdminRouter(db, createReceipts(db, pendingLookupFor(services.user as UserService)), ledger));
  router.use(
    '/reconciliation',
    reconciliationRouter(createReconciliationConsole({ db, temporal, taskQueue, policy, ledger, timeoutMs }), adminOnly),
  );
  router.use(
    '/conformance',
    conformanceRouter(
      createConformanceConsole({
        db,
        temporal,
        taskQueue,
        policy,
        temporalRetentionMs: deps.temporalRetentionMs,
        ageingEveryMs: deps.ageingEveryMs,
        ledger,
        timeoutMs,
      }),
      adminOnly,
    ),
  );
  return router;
}
