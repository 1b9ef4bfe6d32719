// One workflow per customer relationship: ACTIVE → ENDED (retention; users cascaded into their own
// lifecycles) → CRM_ANONYMISED (end + 3 years) → CLOSED (ERP anonymised right after, or at the
// 5-year cap when a configured legal duty keeps invoice identity that long). It sleeps on timers that holds, restores and erasure requests wake.
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
import type { CustomerActivities } from './activities';
import {
  customerErasureUpdate,
  customerHoldUpdate,
  customerReleaseUpdate,
  customerStateQuery,
  restoreCustomerUpdate,
  terminateCustomerUpdate,
  type AnonymisationRule,
  type CustomerLifecycleInput,
  type CustomerLifecycleResult,
  type CustomerLifecycleState,
} from './contract';
import { DATABASE_STEP } from '../shared/activityOptions';
import * as rules from './rules';
import { createProjector } from '../shared/projection';
import { lifecycleFacts, projectionRow, publish } from '../shared/visibility';
import { installHoldHandlers } from '../shared/holds';

const records = proxyActivities<CustomerActivities>(DATABASE_STEP);

/** ERP personal data anonymised with the CRM data «innen 3 år» (issue: the rest of the notice). */
export const ERP_WITH_CRM_PATCH = 'erp-with-crm';

// A page messages up to 200 users; the heartbeat carries its progress so a retry resumes.
const cascade = proxyActivities<CustomerActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function customerLifecycleWorkflow(input: CustomerLifecycleInput): Promise<CustomerLifecycleResult> {
  const state = rules.initialState(input);
  let changes = 0;
  const now = () => Date.now();
  const current = () => rules.view(state);
  const touched = () => {
    changes++;
    publish(facts(state));
  };
  const validTime = ({ terminatedAt }: { terminatedAt: string }) => {
    if (Number.isNaN(Date.parse(terminatedAt))) throw rules.conflict('terminatedAt is not a valid time');
  };

  setHandler(
    terminateCustomerUpdate,
    async ({ terminatedAt, reason }) => {
      if (state.phase !== 'ACTIVE') {
        // Repeated: only an earlier end changes anything; users then get the earlier time too.
        if (rules.isEarlierTermination(state, terminatedAt)) {
          rules.terminate(state, terminatedAt, state.terminationReason ?? reason, now());
          await records.endCustomer({ customerId: state.customerId, endedAt: terminatedAt });
          touched();
        }
        return current();
      }
      rules.terminate(state, terminatedAt, reason, now());
      touched();
      await records.endCustomer({ customerId: state.customerId, endedAt: terminatedAt });
      log.info('customer relationship ended', { customerId: state.customerId });
      return current();
    },
    { validator: validTime },
  );

  setHandler(
    restoreCustomerUpdate,
    async (request) => {
      const reason = request?.reason;
      if (state.phase === 'ACTIVE') return current();
      rules.restore(state, reason, now());
      touched();
      await records.reactivateCustomer({ customerId: state.customerId });
      log.info('customer came back during retention', { customerId: state.customerId });
      return current();
    },
    { validator: (_request) => rules.assertRestorable(state) },
  );

  setHandler(
    customerErasureUpdate,
    async ({ reason }) => {
      if (state.erasure) return current();
      const requestedAt = new Date(now()).toISOString();
      if (state.phase === 'ACTIVE') {
        rules.terminate(state, requestedAt, 'erasure request', now());
        await records.endCustomer({ customerId: state.customerId, endedAt: requestedAt });
      }
      state.erasure = { reason, requestedAt };
      rules.record(state, 'erasure-requested', now(), reason);
      // Users are erased at once through their own lifecycles; CRM follows in the loop (unless held).
      rules.startCascade(state, 'erase', reason);
      touched();
      return current();
    },
    { validator: (_request) => rules.assertNotFinal(state, 'erase') },
  );

  installHoldHandlers(state, current, touched, {
    hold: customerHoldUpdate,
    release: customerReleaseUpdate,
    rules,
    lifecycle: 'customer lifecycle',
  });
  setHandler(customerStateQuery, current);
  publish(facts(state));
  const project = createProjector();

  // Closed only once the users' cascade is through too: with ERP going with the CRM step, an
  // erasure closes the relationship at once, before its cascade's pages have run.
  while (state.phase !== 'CLOSED' || (state.erpWithCrm && state.cascade && !state.cascade.done)) {
    // From here on ERP goes with the CRM step (unless a legal duty keeps it); a lifecycle replaying
    // history from before this code keeps its old course up to where that history ends.
    if (!state.erpWithCrm && patched(ERP_WITH_CRM_PATCH)) state.erpWithCrm = true;
    const seen = changes;
    await project(projectionRow(facts(state), 'running'), seen);

    const step = rules.stepDue(state, now());
    if (step) {
      await anonymise(state, step);
      touched();
      continue;
    }
    if (rules.isPastCapOnHold(state, now()) && !state.heldPastCap) {
      // Only a legal hold keeps data past the cap: say so, with the hold's reason.
      state.heldPastCap = { since: new Date(now()).toISOString(), reason: state.hold!.reason };
      rules.record(state, 'held-past-cap', now(), state.hold!.reason);
      log.warn('customer data held past the cap by a legal hold', { customerId: state.customerId });
      touched();
      continue;
    }
    if (state.cascade && !state.cascade.done) {
      await cascadeNextPage(state, input.cascadePageSize);
      touched();
    } else {
      const wake = () => changes !== seen || workflowInfo().continueAsNewSuggested;
      const due = rules.nextWakeMs(state);
      if (due !== null) await condition(wake, Math.max(0, due - now()));
      else await condition(wake);
    }

    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof customerLifecycleWorkflow>({ ...input, state });
    }
  }

  await condition(allHandlersFinished);
  await project(projectionRow(facts(state), 'completed'), changes, true);
  return { customerId: state.customerId, phase: 'CLOSED', crmEvidenceId: state.crmEvidenceId, erpEvidenceId: state.erpEvidenceId };
}

async function cascadeNextPage(state: CustomerLifecycleState, pageSize: number | undefined): Promise<void> {
  const c = state.cascade!;
  const page = await cascade.cascadePage({
    customerId: state.customerId,
    action: c.action,
    terminatedAt: c.terminatedAt,
    reason: c.reason,
    afterUserId: c.lastUserId,
    policy: state.policy,
    pageSize,
  });
  // A restore or erasure arriving meanwhile replaced the cascade: this page's result is stale.
  if (state.cascade?.generation !== c.generation) return;
  c.usersDone += page.usersDone;
  c.usersSkipped += page.usersSkipped;
  c.lastUserId = page.lastUserId;
  if (page.finished) {
    c.done = true;
    c.finishedAt = new Date(Date.now()).toISOString();
    rules.record(state, 'cascade-finished', Date.now(), `${c.action}: ${c.usersDone} users, ${c.usersSkipped} skipped`);
  }
}

async function anonymise(state: CustomerLifecycleState, step: rules.Step): Promise<void> {
  const info = workflowInfo();
  const due = step === 'crm' ? rules.crmDueMs(state) : rules.erpDueMs(state);
  const rule: AnonymisationRule = rules.stepRule(state, step);
  const legalDuty = step === 'erp' && state.policy.erpLegalDuty ? { legalDuty: state.policy.erpLegalDuty } : {};
  state.anonymising = true;
  const input = {
    customerId: state.customerId,
    rule,
    policyVersion: state.policy.version,
    reason: step === 'crm' || rules.erpGoesWithCrm(state) ? (state.erasure?.reason ?? null) : null,
    triggeredAt: state.endedAt,
    dueAt: due === null ? null : new Date(due).toISOString(),
    workflowId: info.workflowId,
    runId: info.runId,
    idempotencyKey: `${info.workflowId}/${info.firstExecutionRunId}/${step}-anonymise`,
    ...legalDuty,
  } as const;
  const outcome = step === 'crm' ? await records.anonymiseCrm(input) : await records.anonymiseErp(input);
  state.anonymising = false;
  if (step === 'crm') {
    Object.assign(state, { phase: 'CRM_ANONYMISED', crmAnonymisedAt: outcome.finishedAt, crmEvidenceId: outcome.evidenceId });
  } else {
    Object.assign(state, { phase: 'CLOSED', erpAnonymisedAt: outcome.finishedAt, erpEvidenceId: outcome.evidenceId });
  }
  rules.record(state, step === 'crm' ? 'crm-anonymised' : 'erp-anonymised', Date.now(), rule);
  log.info('customer records anonymised', { customerId: state.customerId, rule, evidenceId: outcome.evidenceId });
}

function facts(s: CustomerLifecycleState) {
  return lifecycleFacts('customer', s.customerId, rules.nextDueMs(s), s);
}
