// The customer's cascade to its users, one page per activity call: the customer workflow loops
// over pages, so neither an activity payload nor its history grows with the number of users.
// Each user is messaged through the same update-with-start the API uses: its own workflow, its own
// 30-day quarantine, the customer's termination time. Every call is idempotent, so a retried page
// may repeat users harmlessly; the heartbeat lets a retry skip what was already done.
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { Db } from '../../db/client';
import type { PolicySnapshot } from '../../policy/retention';
import { createLifecycleClient } from '../client';
import { ConflictError, LifecycleClosedError } from '../errors';
import { erasureUpdate, restoreUpdate, terminateUpdate } from '../user/contract';
import { userKind } from '../user/kind';
import type { CascadeAction } from './contract';

export const CASCADE_PAGE_SIZE = 200;
/** Users messaged at once within a page: enough to hide round trips, few enough not to flood Temporal. */
const CONCURRENCY = 50;

export interface CascadePageInput {
  customerId: string;
  action: CascadeAction;
  /** The customer's end: each user's quarantine counts from it. */
  terminatedAt: string | null;
  reason: string | null;
  /** The last user ID of the previous page (IDs ascending); null for the first page. */
  afterUserId: string | null;
  policy: PolicySnapshot;
  pageSize?: number;
}

export interface CascadePageResult {
  usersDone: number;
  usersSkipped: number;
  lastUserId: string | null;
  /** True when this page was the last one. */
  finished: boolean;
}

interface Progress {
  lastUserId: string | null;
  usersDone: number;
  usersSkipped: number;
}

export function createCascadeActivities(db: Db, temporal: Client) {
  return {
    async cascadePage(input: CascadePageInput): Promise<CascadePageResult> {
      const ctx = Context.current();
      const pageSize = input.pageSize ?? CASCADE_PAGE_SIZE;
      const lifecycles = createLifecycleClient(userKind, { temporal, taskQueue: ctx.info.taskQueue, policy: input.policy });
      const source = { kind: 'customer' as const, customerId: input.customerId };
      const reason = input.reason ?? undefined;

      // A retry of this page resumes after the last user its previous attempt heartbeated. Postgres
      // both orders the IDs and compares them with the resume point, under its own collation
      // (en_US in the compose image): JavaScript's string order differs for mixed case and
      // punctuation, and once skipped users whose IDs sort differently there.
      const resumed = ctx.info.heartbeatDetails as Progress | undefined;
      const progress: Progress = resumed ?? { lastUserId: input.afterUserId, usersDone: 0, usersSkipped: 0 };
      const todo = await db.userAccount.findMany({
        where: {
          customerId: input.customerId,
          ...(progress.lastUserId ? { id: { gt: progress.lastUserId } } : {}),
          // Purged users have lost their customer link already; only quarantined users can come back.
          status: input.action === 'restore' ? 'deactivated' : { not: 'purged' },
        },
        orderBy: { id: 'asc' },
        take: pageSize,
        select: { id: true },
      });

      const one = async (userId: string): Promise<boolean> => {
        try {
          if (input.action === 'terminate') {
            await lifecycles.updateWithStart(userId, input.customerId, terminateUpdate, {
              terminatedAt: input.terminatedAt!,
              reason,
              source,
            });
          } else if (input.action === 'erase') {
            await lifecycles.updateWithStart(userId, input.customerId, erasureUpdate, { reason: reason ?? 'customer erasure request' });
          } else {
            await lifecycles.update(userId, restoreUpdate, { reason, onlyIfTerminatedByCustomer: input.customerId });
          }
          return true;
        } catch (err) {
          // Purged, purging, held erasure, no lifecycle to restore: the user's own rules decide.
          if (err instanceof ConflictError || err instanceof LifecycleClosedError) return false;
          throw err;
        }
      };

      for (let i = 0; i < todo.length; i += CONCURRENCY) {
        const chunk = todo.slice(i, i + CONCURRENCY);
        const outcomes = await Promise.all(chunk.map((u) => one(u.id)));
        progress.usersDone += outcomes.filter(Boolean).length;
        progress.usersSkipped += outcomes.filter((ok) => !ok).length;
        progress.lastUserId = chunk[chunk.length - 1]!.id;
        ctx.heartbeat(progress);
      }
      return {
        usersDone: progress.usersDone,
        usersSkipped: progress.usersSkipped,
        lastUserId: progress.lastUserId,
        finished: todo.length < pageSize,
      };
    },
  };
}
