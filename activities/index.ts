import type { Client } from '@temporalio/client';
import type { Db } from '../db/client';
import { createCascadeActivities } from './cascade';
import { createCustomerActivities } from './customer';
import { createProjectionActivities } from './projection';
import { createReconciliationActivities } from './reconciliation';
import { createUserAccountActivities } from './userAccount';
import { createVerificationActivities } from './verification';

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
