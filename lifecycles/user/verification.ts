// After the purge, the user lifecycle does not simply end: a separate activity re-reads every
// store and confirms nothing personal is left. If something is, the workflow stays open, flagged
// "verification failed" (query, search attribute, log), re-checks every hour and on an operator's
// retryVerification update, and completes only once the check passes: never silently.
import {
  condition,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { UserActivities } from './activities';
import { retryVerificationUpdate, type UserLifecycleState, type UserLifecycleView } from './contract';
import { conflict } from './rules';
import { LifecycleVerificationFailed } from '../shared/searchAttributes';

/** Gate for lifecycles whose history reached the end of the purge before verification existed. */
export const VERIFICATION_PATCH = 'post-purge-verification';
const RECHECK_EVERY = '1 hour';

/**
 * Gate for running the check as a local activity. It is a handful of reads and one insert, right
 * after the purge, on the same worker: as a local activity it needs no task of its own on the
 * server and no extra workflow task, which in a purge wave is a third of the server's work.
 */
export const LOCAL_VERIFICATION_PATCH = 'post-purge-verification-local';
const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' };
const remote = proxyActivities<UserActivities>({ startToCloseTimeout: '2 minutes', retry });
// Longer than this and the retries continue on a workflow timer, as the SDK does for local activities.
const local = proxyLocalActivities<UserActivities>({ startToCloseTimeout: '1 minute', localRetryThreshold: '1 minute', retry });

/**
 * Installs the retry handler now (handlers must exist before messages arrive) and returns the
 * step the workflow runs once the purge is done. `maybeContinueAsNew` keeps a long wait's
 * history short.
 */
export function installPostPurgeVerification(state: UserLifecycleState, current: () => UserLifecycleView, touched: () => void) {
  let retryRequested = false;

  setHandler(
    retryVerificationUpdate,
    async (_request) => {
      retryRequested = true;
      await condition(() => !retryRequested); // answered with the outcome of the re-check
      return current();
    },
    {
      validator: (_request) => {
        if (state.verification?.ok !== false) throw conflict('cannot retry: the post-purge verification has not failed');
      },
    },
  );

  return async function verifyAfterPurge(maybeContinueAsNew: () => Promise<void>): Promise<void> {
    if (!patched(VERIFICATION_PATCH)) return;
    const info = workflowInfo();
    while (state.verification?.ok !== true) {
      const { verifyUserErased } = patched(LOCAL_VERIFICATION_PATCH) ? local : remote;
      const outcome = await verifyUserErased({
        userId: state.userId,
        policyVersion: state.policy.version,
        purgeEvidenceId: state.evidenceId,
        workflowId: info.workflowId,
        runId: info.runId,
        idempotencyKey: `${info.workflowId}/${info.firstExecutionRunId}/verify`,
      });
      retryRequested = false;
      state.verification = { ...outcome, attempts: (state.verification?.attempts ?? 0) + 1 };
      upsertSearchAttributes([{ key: LifecycleVerificationFailed, value: !outcome.ok }]);
      touched();
      if (outcome.ok) {
        log.info('post-purge verification passed', { userId: state.userId, evidenceId: outcome.evidenceId });
        return;
      }
      log.warn('post-purge verification FAILED: the lifecycle stays open until a re-check passes', {
        userId: state.userId,
        failed: outcome.failed.map((c) => `${c.store}: ${c.check} (${c.found})`),
      });
      await condition(() => retryRequested || workflowInfo().continueAsNewSuggested, RECHECK_EVERY);
      await maybeContinueAsNew();
    }
  };
}
