import type { Db } from '../db/client';
import { createUserAccountActivities } from './userAccount';

/** All activities, built over injected dependencies so tests can hand in their own database. */
export function createActivities(db: Db) {
  return {
    ...createUserAccountActivities(db),
  };
}

export type Activities = ReturnType<typeof createActivities>;
