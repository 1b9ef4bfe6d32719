// Every activity of the user lifecycle; its workflow proxies this factory's type.
import type { ActivityDeps } from '../kind';
import { createUserAccountActivities } from './account';
import { createVerificationActivities } from './verifyErased';

export function createUserActivities({ db, temporal, ledger }: ActivityDeps) {
  return { ...createUserAccountActivities(db, ledger), ...createVerificationActivities(db, temporal, ledger) };
}

export type UserActivities = ReturnType<typeof createUserActivities>;
