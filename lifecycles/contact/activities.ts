// Every activity of the contact-person lifecycle; its workflow proxies this factory's type.
import type { ActivityDeps } from '../kind';
import { createContactRecordActivities } from './records';

export function createContactActivities({ db, ledger, journal }: ActivityDeps) {
  return createContactRecordActivities(db, ledger, journal);
}

export type ContactActivities = ReturnType<typeof createContactActivities>;
