// Every activity of the prospect lifecycle; its workflow proxies this factory's type.
import type { ActivityDeps } from '../kind';
import { createProspectActivities as createRecordActivities } from './records';

export function createProspectActivities({ db, ledger, journal }: ActivityDeps) {
  return createRecordActivities(db, ledger, journal);
}

export type ProspectActivities = ReturnType<typeof createProspectActivities>;
