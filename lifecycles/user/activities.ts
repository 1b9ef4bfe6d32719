// Every activity of the user lifecycle; its workflow proxies this factory's type.
import type { ActivityDeps } from '../kind';
import { createUserAccountActivities } from './account';
import { createVerificationActivities } from './verifyErased';

export function createUserActivities({ db, temporal }: ActivityDeps) {
  return { ...createUserAccountActivities(db), ...createVerificationActivities(db, temporal) };
}

export type UserActivities = ReturnType<typeof createUserActivities>;
