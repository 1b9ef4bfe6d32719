// Where a subject stands before (or instead of) an erasure record, for its receipt. Users are
// asked through their lifecycle; other kinds are known from their evidence alone for now.
import { NotFoundError } from '../lifecycles/errors';
import type { UserService } from '../lifecycles/user/service';
import type { PendingLookup } from './receipt';

export function pendingLookupFor(users: UserService): PendingLookup {
  return async (subjectKind, subjectId) => {
    if (subjectKind !== 'user') return null;
    try {
      const v = await users.lifecycle(subjectId);
      return {
        phase: v.phase,
        terminatedAt: v.terminatedAt,
        dueAt: v.purgeDueAt,
        hold: v.hold,
        verificationFailed: v.verificationFailed ?? false,
      };
    } catch (err) {
      if (err instanceof NotFoundError) return null;
      throw err;
    }
  };
}
