// Every activity the worker registers: each lifecycle kind's (from the registry), the projection
// writes every kind's workflow makes, and the jobs'. Built over injected dependencies, so tests
// hand in their own database and client.
import { createAgeingActivities } from '../jobs/ageing/activities';
import { createConformanceActivities } from '../jobs/conformance/activities';
import { createReconciliationActivities } from '../jobs/reconciliation/activities';
import type { ActivityDeps } from '../lifecycles/kind';
import { createKindActivities } from '../lifecycles/registry';
import { createProjectionActivities } from '../lifecycles/shared/projectionStore';

export type { ActivityDeps };

export function createActivities(deps: ActivityDeps) {
  return {
    ...createKindActivities(deps),
    ...createProjectionActivities(deps.db),
    ...createReconciliationActivities(deps.db, deps.temporal),
    ...createConformanceActivities(deps.db, deps.temporal, deps.ledger),
    ...createAgeingActivities(deps.db, deps.ledger),
  };
}

export type Activities = ReturnType<typeof createActivities>;
