// One workflow per user account: ACTIVE → QUARANTINED (deactivated at once) → PURGED.
// It sleeps through the quarantine on a timer that holds, restores and erasure requests wake.
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { UserActivities } from './activities';
import {
  erasureUpdate,
  holdUpdate,
  customerReassignedSignal,
  releaseUpdate,
  restoreUpdate,
  stateQuery,
  terminateUpdate,
  type PurgeRule,
  type UserLifecycleInput,
  type UserLifecycleResult,
  type UserLifecycleState,
} from './contract';
import { DATABASE_STEP } from '../shared/activityOptions';
import * as rules from './rules';
import { createProjector } from '../shared/projection';
import { lifecycleFacts, projectionRow, publish } from '../shared/visibility';
import { installPostPurgeVerification } from './verification';
import { installHoldHandlers } from '../shared/holds';

const accounts = proxyActivities<UserActivities>(DATABASE_STEP);

/** Gate for purges from before the purge cleared the customer link from visibility and the projection. */
export const PURGE_CLEARS_CUSTOMER_LINK = 'purge-clears-customer-link';

export async function userLifecycleWorkflow(input: UserLifecycleInput): Promise<UserLifecycleResult> {
  const state = rules.initialState(input);
  // Bumped by every handler so the sleeping loop re-evaluates its deadline.
  let changes = 0;
  const now = () => Date.now();
  const current = () => rules.view(state, now());
  const touched = () => {
    changes++;
    publish(facts(state));
  };

  setHandler(
    terminateUpdate,
    async ({ terminatedAt, reason, source }) => {
      if (state.phase !== 'ACTIVE') {
        rules.noteTerminatedBy(state, source);
        // A repeated termination changes nothing, except that an earlier termination time wins
        // (e.g. the customer ended before the user was terminated on their own).
        if (rules.isEarlierTermination(state, terminatedAt)) {
          state.terminatedAt = terminatedAt;
          touched();
        }
        return current();
      }
      rules.terminate(state, terminatedAt, reason, source);
      touched();
      await accounts.deactivateUser({ userId: state.userId });
      log.info('user deactivated', { userId: state.userId });
      return current();
    },
    {
      validator: ({ terminatedAt }) => {
        if (Number.isNaN(Date.parse(terminatedAt))) throw rules.conflict('terminatedAt is not a valid time');
      },
    },
  );

  setHandler(customerReassignedSignal, ({ customerId }) => {
    // Once purged, the user has no customer link to follow any more.
    if (state.phase === 'PURGED' || state.customerId === customerId) return;
    state.customerId = customerId;
    touched();
  });

  setHandler(
    restoreUpdate,
    async (request) => {
      if (state.phase === 'ACTIVE') return current();
      // A customer's come-back leaves users that were also terminated on their own terminated.
      const onlyIf = request?.onlyIfTerminatedByCustomer;
      if (onlyIf && !rules.terminatedOnlyByCustomer(state, onlyIf)) return current();
      rules.restore(state, now());
      touched();
      await accounts.reactivateUser({ userId: state.userId });
      return current();
    },
    {
      validator: (_request) => {
        rules.assertNotFinal(state, 'restore');
        if (state.erasure) throw rules.conflict('cannot restore: an erasure request is pending');
      },
    },
  );

  setHandler(
    erasureUpdate,
    async ({ reason }) => {
      if (!state.erasure) {
        state.erasure = { reason, requestedAt: new Date(now()).toISOString() };
        if (state.phase === 'ACTIVE') {
          rules.terminate(state, state.erasure.requestedAt, 'erasure request');
          await accounts.deactivateUser({ userId: state.userId });
        }
        touched();
      }
      // Answer once the purge is done, or at once if a legal hold keeps it waiting.
      await condition(() => state.phase === 'PURGED' || state.hold !== null);
      return current();
    },
    { validator: (_request) => rules.assertNotFinal(state, 'erase') },
  );

  installHoldHandlers(state, current, touched, { hold: holdUpdate, release: releaseUpdate, rules, lifecycle: 'lifecycle' });
  setHandler(stateQuery, current);
  const verifyAfterPurge = installPostPurgeVerification(state, current, touched);
  publish(facts(state));
  const project = createProjector();

  while (state.phase !== 'PURGED') {
    const seen = changes;
    // The admin console's list row; written here, not in handlers, so a burst of updates is one write.
    await project(projectionRow(facts(state), 'running'), seen);
    const due = rules.purgeDueMs(state);
    if (state.phase === 'QUARANTINED' && !state.hold && (state.erasure || (due !== null && due <= now()))) {
      await purge(state);
      touched();
      continue;
    }
    const wake = () => changes !== seen || workflowInfo().continueAsNewSuggested;
    if (state.phase === 'QUARANTINED' && due !== null) await condition(wake, due - now());
    else await condition(wake);

    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof userLifecycleWorkflow>({ ...input, state });
    }
  }

  await verifyAfterPurge(async () => {
    if (!workflowInfo().continueAsNewSuggested) return;
    await condition(allHandlersFinished);
    await continueAsNew<typeof userLifecycleWorkflow>({ ...input, state });
  });

  await condition(allHandlersFinished);
  await project(projectionRow(facts(state), 'completed'), changes, true);
  return {
    userId: state.userId,
    phase: 'PURGED',
    purgedAt: state.purgedAt,
    purgeRule: state.purgeRule,
    evidenceId: state.evidenceId,
    verificationEvidenceId: state.verification?.evidenceId ?? null,
  };
}

async function purge(state: UserLifecycleState): Promise<void> {
  const info = workflowInfo();
  const rule: PurgeRule = state.erasure ? 'user.erasure' : 'user.quarantine-purge';
  const due = rules.purgeDueMs(state);
  state.purging = true;
  const outcome = await accounts.purgeUser({
    userId: state.userId,
    rule,
    policyVersion: state.policy.version,
    reason: state.erasure?.reason ?? null,
    triggeredAt: state.erasure?.requestedAt ?? state.terminatedAt,
    dueAt: state.erasure ? state.erasure.requestedAt : due === null ? null : new Date(due).toISOString(),
    workflowId: info.workflowId,
    runId: info.runId,
    idempotencyKey: `${info.workflowId}/${info.firstExecutionRunId}/purge`,
  });
  Object.assign(state, {
    phase: 'PURGED',
    purging: false,
    purgedAt: outcome.finishedAt,
    purgeRule: rule,
    evidenceId: outcome.evidenceId,
  } satisfies Partial<UserLifecycleState>);
  // «kundetilknytning» is the user's personal data too: the search attributes and the console's row
  // stop naming the customer, as the account row already has (gated: older histories kept it).
  if (patched(PURGE_CLEARS_CUSTOMER_LINK)) state.customerId = null;
  log.info('user purged', { userId: state.userId, evidenceId: outcome.evidenceId, rule });
}

/** The purge's due time shows only while quarantined. */
function facts(s: UserLifecycleState) {
  return lifecycleFacts('user', s.userId, s.phase === 'QUARANTINED' ? rules.purgeDueMs(s) : null, s);
}
