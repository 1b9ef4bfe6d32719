import type { Client } from '@temporalio/client';
import type { Db } from '../db/client';
import { createCascadeActivities } from '../lifecycles/customer/cascade';
import { createCustomerActivities } from '../lifecycles/customer/activities';
import { createProjectionActivities } from '../lifecycles/shared/projectionStore';
import { createReconciliationActivities } from '../jobs/reconciliation/activities';
import { createUserAccountActivities } from '../lifecycles/user/activities';
import { createVerificationActivities } from '../lifecycles/user/verifyErased';

/** What activities are built over; injected so tests hand in their own database and client. */
export interface ActivityDeps {
  db: Db;
  /** For activities that message other workflows (e.g. a customer's cascade to its users). */
  temporal: Client;
}

/** All activities, built over injected dependencies. */
export function createActivities({ db, temporal }: ActivityDeps) {
  return {
    ...createUserAccountActivities(db),
    ...createProjectionActivities(db),
    ...createCustomerActivities(db),
    ...createCascadeActivities(db, temporal),
    ...createVerificationActivities(db, temporal),
    ...createReconciliationActivities(db, temporal),
  };
}

export type Activities = ReturnType<typeof createActivities>;
