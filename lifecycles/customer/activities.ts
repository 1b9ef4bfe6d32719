// Every activity of the customer lifecycle; its workflow proxies this factory's type.
import type { ActivityDeps } from '../kind';
import { createCascadeActivities } from './cascade';
import { createCustomerRecordActivities } from './records';

export function createCustomerActivities({ db, temporal, ledger, journal }: ActivityDeps) {
  return { ...createCustomerRecordActivities(db, ledger, journal), ...createCascadeActivities(db, temporal) };
}

export type CustomerActivities = ReturnType<typeof createCustomerActivities>;
