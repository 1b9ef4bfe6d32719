// One workflow per prospect: ACTIVE (or ENDED) until the last contact + RETENTION_PROSPECT, then
// ANONYMISED; or CONVERTED when it becomes a customer. It sleeps on a timer that contacts, holds and
// erasure requests wake, and continues as new when its history grows (contacts repeat without
// end). Inputs, history and search attributes hold the prospect's opaque ID, its customer's ID once
// converted, times and reasons: never its name or contact details.
import { allHandlersFinished, condition, continueAsNew, log, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { DATABASE_STEP } from '../shared/activityOptions';
import { installHoldHandlers } from '../shared/holds';
import { createProjector } from '../shared/projection';
import { lifecycleFacts, projectionRow, publish } from '../shared/visibility';
import type { ProspectActivities } from './activities';
import {
  endProspectUpdate,
  prospectContactUpdate,
  prospectConversionUpdate,
  prospectErasureUpdate,
  prospectHoldUpdate,
  prospectReleaseUpdate,
  prospectStateQuery,
  restoreProspectUpdate,
  type ProspectLifecycleInput,
  type ProspectLifecycleResult,
  type ProspectLifecycleState,
} from './contract';
import * as rules from './rules';

const prospects = proxyActivities<ProspectActivities>(DATABASE_STEP);

export async function prospectLifecycleWorkflow(input: ProspectLifecycleInput): Promise<ProspectLifecycleResult> {
  const state = rules.initialState(input);
  let changes = 0;
  const now = () => Date.now();
  const current = () => rules.view(state);
  const touched = () => {
    changes++;
    publish(facts(state));
  };
  const stepKey = (step: string) => {
    const info = workflowInfo();
    return { workflowId: info.workflowId, runId: info.runId, idempotencyKey: `${info.workflowId}/${info.firstExecutionRunId}/${step}` };
  };

  setHandler(
    prospectContactUpdate,
    async ({ contactedAt }) => {
      if (!rules.contact(state, contactedAt, now())) return current();
      touched();
      await prospects.recordProspectContact({ prospectId: state.prospectId, contactedAt });
      return current();
    },
    {
      validator: ({ contactedAt }) => {
        rules.assertTimeValid(contactedAt, 'contactedAt');
        rules.assertNotFinal(state, 'record a contact');
      },
    },
  );

  setHandler(
    prospectConversionUpdate,
    async ({ customerId }) => {
      state.erasing = true;
      touched();
      const outcome = await prospects.convertProspect({
        prospectId: state.prospectId,
        customerId,
        rule: 'prospect.conversion',
        policyVersion: state.policy.version,
        reason: null,
        triggeredAt: state.lastContactAt,
        dueAt: null,
        ...stepKey('convert'),
      });
      Object.assign(state, {
        erasing: false,
        phase: 'CONVERTED',
        customerId,
        convertedAt: outcome.finishedAt,
        evidenceId: outcome.evidenceId,
      });
      rules.record(state, 'converted', now(), customerId);
      touched();
      log.info('prospect converted', { prospectId: state.prospectId, customerId, evidenceId: outcome.evidenceId });
      return current();
    },
    { validator: (_request) => rules.assertConvertible(state) },
  );

  setHandler(
    endProspectUpdate,
    ({ terminatedAt, reason }) => {
      if (rules.end(state, terminatedAt, reason, now())) touched();
      return current();
    },
    {
      validator: ({ terminatedAt }) => {
        rules.assertTimeValid(terminatedAt, 'terminatedAt');
        rules.assertNotFinal(state, 'end');
      },
    },
  );

  setHandler(
    restoreProspectUpdate,
    (request) => {
      if (state.phase === 'ACTIVE') return current();
      rules.restore(state, request?.reason, now());
      touched();
      return current();
    },
    { validator: (_request) => rules.assertRestorable(state) },
  );

  setHandler(
    prospectErasureUpdate,
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
    hold: prospectHoldUpdate,
    release: prospectReleaseUpdate,
    rules,
    lifecycle: 'prospect lifecycle',
  });
  setHandler(prospectStateQuery, current);
  publish(facts(state));
  const project = createProjector();

  // The clock comes from the row, whoever started the lifecycle (the API, backfill, reconciliation).
  if (!input.state) {
    const { lastContactAt } = await prospects.readProspectClock({ prospectId: state.prospectId });
    if (lastContactAt) {
      rules.adoptClock(state, lastContactAt);
      touched();
    }
  }

  while (!rules.isFinal(state)) {
    const seen = changes;
    await project(projectionRow(facts(state), 'running'), seen);
    if (rules.anonymisationDue(state, now())) {
      await anonymise(state, stepKey('anonymise'));
      touched();
      continue;
    }
    const wake = () => changes !== seen || workflowInfo().continueAsNewSuggested;
    const due = rules.nextDueMs(state);
    if (due !== null) await condition(wake, Math.max(0, due - now()));
    else await condition(wake);

    if (workflowInfo().continueAsNewSuggested && !state.erasing) {
      await condition(allHandlersFinished);
      if (!rules.isFinal(state)) await continueAsNew<typeof prospectLifecycleWorkflow>({ ...input, state });
    }
  }

  await condition(allHandlersFinished);
  await project(projectionRow(facts(state), 'completed'), changes, true);
  return { prospectId: state.prospectId, phase: state.phase === 'CONVERTED' ? 'CONVERTED' : 'ANONYMISED', evidenceId: state.evidenceId };
}

async function anonymise(state: ProspectLifecycleState, key: { workflowId: string; runId: string; idempotencyKey: string }): Promise<void> {
  const due = rules.anonymiseDueMs({ ...state, erasure: null });
  const rule = rules.anonymisationRule(state);
  state.erasing = true;
  const outcome = await prospects.anonymiseProspect({
    prospectId: state.prospectId,
    rule,
    policyVersion: state.policy.version,
    reason: state.erasure?.reason ?? null,
    triggeredAt: state.lastContactAt,
    dueAt: due === null ? null : new Date(due).toISOString(),
    ...key,
  });
  Object.assign(state, {
    erasing: false,
    phase: 'ANONYMISED',
    anonymisedAt: outcome.finishedAt,
    evidenceId: outcome.evidenceId,
    anonymisationRule: rule,
  });
  rules.record(state, 'anonymised', Date.now(), rule);
  log.info('prospect anonymised', { prospectId: state.prospectId, rule, evidenceId: outcome.evidenceId });
}

function facts(s: ProspectLifecycleState) {
  return lifecycleFacts('prospect', s.prospectId, rules.nextDueMs(s), s);
}
