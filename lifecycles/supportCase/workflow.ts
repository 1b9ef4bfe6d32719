// One workflow per support case raised by an outside requester: OPEN → CLOSED → ERASED at closure +
// RETENTION_SUPPORT_CASE (or at once on an erasure request). It sleeps on a timer that closure,
// reopening, holds and erasure requests wake. Inputs, history and search attributes hold the case's
// opaque ID, its customer's ID, times and reasons: never the requester or the case's text.
import { allHandlersFinished, condition, continueAsNew, log, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { DATABASE_STEP } from '../shared/activityOptions';
import { installHoldHandlers } from '../shared/holds';
import { createProjector } from '../shared/projection';
import { lifecycleFacts, projectionRow, publish } from '../shared/visibility';
import type { SupportCaseActivities } from './activities';
import {
  caseErasureUpdate,
  caseHoldUpdate,
  caseReleaseUpdate,
  caseStateQuery,
  closeCaseUpdate,
  reopenCaseUpdate,
  type SupportCaseLifecycleInput,
  type SupportCaseLifecycleResult,
  type SupportCaseLifecycleState,
} from './contract';
import * as rules from './rules';

const cases = proxyActivities<SupportCaseActivities>(DATABASE_STEP);

export async function supportCaseLifecycleWorkflow(input: SupportCaseLifecycleInput): Promise<SupportCaseLifecycleResult> {
  const state = rules.initialState(input);
  let changes = 0;
  const now = () => Date.now();
  const current = () => rules.view(state);
  const touched = () => {
    changes++;
    publish(facts(state));
  };

  setHandler(
    closeCaseUpdate,
    async ({ terminatedAt, reason }) => {
      if (!rules.close(state, terminatedAt, reason, now())) return current();
      touched();
      await cases.closeCase({ caseId: state.caseId, closedAt: terminatedAt });
      return current();
    },
    { validator: ({ terminatedAt }) => rules.assertClosable(state, terminatedAt) },
  );

  setHandler(
    reopenCaseUpdate,
    async (request) => {
      if (state.phase === 'OPEN') return current();
      rules.reopen(state, request?.reason, now());
      touched();
      await cases.reopenCase({ caseId: state.caseId });
      return current();
    },
    { validator: (_request) => rules.assertReopenable(state) },
  );

  setHandler(
    caseErasureUpdate,
    ({ reason }) => {
      if (state.erasure) return current();
      state.erasure = { reason, requestedAt: new Date(now()).toISOString() };
      rules.record(state, 'erasure-requested', now(), reason);
      touched();
      return current();
    },
    { validator: (_request) => rules.assertNotFinal(state, 'erase') },
  );

  installHoldHandlers(state, current, touched, {
    hold: caseHoldUpdate,
    release: caseReleaseUpdate,
    rules,
    lifecycle: 'support case lifecycle',
  });
  setHandler(caseStateQuery, current);
  publish(facts(state));
  const project = createProjector();

  while (state.phase !== 'ERASED') {
    const seen = changes;
    await project(projectionRow(facts(state), 'running'), seen);
    if (rules.erasureDue(state, now())) {
      await erase(state);
      touched();
      continue;
    }
    const wake = () => changes !== seen || workflowInfo().continueAsNewSuggested;
    const due = rules.nextDueMs(state);
    if (due !== null) await condition(wake, Math.max(0, due - now()));
    else await condition(wake);

    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof supportCaseLifecycleWorkflow>({ ...input, state });
    }
  }

  await condition(allHandlersFinished);
  await project(projectionRow(facts(state), 'completed'), changes, true);
  return { caseId: state.caseId, phase: 'ERASED', evidenceId: state.evidenceId };
}

async function erase(state: SupportCaseLifecycleState): Promise<void> {
  const info = workflowInfo();
  const due = rules.eraseDueMs(state);
  // The request decides the rule when it came before the retention ran out.
  const rule = state.erasure && (due === null || Date.parse(state.erasure.requestedAt) <= due) ? 'support.erasure' : 'support.retention';
  state.erasing = true;
  const outcome = await cases.eraseCase({
    caseId: state.caseId,
    rule,
    policyVersion: state.policy.version,
    reason: state.erasure?.reason ?? null,
    triggeredAt: state.closedAt,
    dueAt: due === null ? null : new Date(due).toISOString(),
    workflowId: info.workflowId,
    runId: info.runId,
    idempotencyKey: `${info.workflowId}/${info.firstExecutionRunId}/erase-case`,
  });
  Object.assign(state, {
    erasing: false,
    phase: 'ERASED',
    erasedAt: outcome.finishedAt,
    evidenceId: outcome.evidenceId,
    erasureRule: rule,
  });
  rules.record(state, 'erased', Date.now(), rule);
  log.info('support case requester erased', { caseId: state.caseId, rule, evidenceId: outcome.evidenceId });
}

function facts(s: SupportCaseLifecycleState) {
  return lifecycleFacts('supportCase', s.caseId, rules.nextDueMs(s), s);
}
