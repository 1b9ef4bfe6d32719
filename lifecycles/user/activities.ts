// Every activity of the user lifecycle; its workflow proxies this factory's type.
import type { ActivityDeps } from '../kind';
import { createUserAccountActivities } from './account';
import { createVerificationActivities } from './verifyErased';

export function createUserActivities({ db, temporal, journal }: ActivityDeps) {
  return { ...createUserAccountActivities(db, journal), ...createVerificationActivities(db, temporal) };
}

export type UserActivities = ReturnType<typeof createUserActivities>;
