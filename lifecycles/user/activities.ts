// Every activity of the user lifecycle; its workflow proxies this factory's type.
import type { ActivityDeps } from '../kind';
import { createUserAccountActivities } from './account';
import { createVerificationActivities } from './verifyErased';

export function createUserActivities({ db, temporal, ledger, journal }: ActivityDeps) {
  return { ...createUserAccountActivities(db, ledger, journal), ...createVerificationActivities(db, temporal, ledger) };
}

export type UserActivities = ReturnType<typeof createUserActivities>;
