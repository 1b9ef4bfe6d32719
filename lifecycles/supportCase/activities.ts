// Every activity of the support-case lifecycle; its workflow proxies this factory's type.
import type { ActivityDeps } from '../kind';
import { createSupportCaseActivities as createCaseActivities } from './cases';

export function createSupportCaseActivities({ db, ledger, journal }: ActivityDeps) {
  return createCaseActivities(db, ledger, journal);
}

export type SupportCaseActivities = ReturnType<typeof createSupportCaseActivities>;
