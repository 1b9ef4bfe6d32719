// Every activity of the customer lifecycle; its workflow proxies this factory's type.
import type { ActivityDeps } from '../kind';
import { createCascadeActivities } from './cascade';
import { createCustomerRecordActivities } from './records';

export function createCustomerActivities({ db, temporal }: ActivityDeps) {
  return { ...createCustomerRecordActivities(db), ...createCascadeActivities(db, temporal) };
}

export type CustomerActivities = ReturnType<typeof createCustomerActivities>;
