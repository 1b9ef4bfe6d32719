// One workflow per departed contact person: ACTIVE → DEPARTED (retention, counted from the
// departure) → ANONYMISED (departure + RETENTION_CONTACT, within «innen 3 år»). It sleeps on a timer
// that holds, returns and erasure requests wake. The customer's own CRM step may anonymise the
// contact first; the step here then finds nothing left and says so in its evidence.
import { allHandlersFinished, condition, continueAsNew, log, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { ContactActivities } from './activities';
import {
  contactDepartureUpdate,
  contactErasureUpdate,
  contactHoldUpdate,
  contactReleaseUpdate,
  contactStateQuery,
  restoreContactUpdate,
  type ContactAnonymisationRule,
  type ContactLifecycleInput,
  type ContactLifecycleResult,
  type ContactLifecycleState,
} from './contract';
import { DATABASE_STEP } from '../shared/activityOptions';
import * as rules from './rules';
import { createProjector } from '../shared/projection';
import { lifecycleFacts, projectionRow, publish } from '../shared/visibility';
import { installHoldHandlers } from '../shared/holds';

const records = proxyActivities<ContactActivities>(DATABASE_STEP);

export async function contactLifecycleWorkflow(input: ContactLifecycleInput): Promise<ContactLifecycleResult> {
  const state = rules.initialState(input);
  let changes = 0;
  const now = () => Date.now();
  const current = () => rules.view(state);
  const touched = () => {
    changes++;
    publish(facts(state));
  };

  setHandler(
    contactDepartureUpdate,
    async ({ terminatedAt, reason }) => {
      if (!rules.departureChanges(state, terminatedAt)) return current();
      rules.depart(state, terminatedAt, reason, now());
      touched();
      await records.markDeparted({ contactId: state.contactId, departedAt: terminatedAt, reason: state.departureReason });
      log.info('contact person departed', { contactId: state.contactId });
      return current();
    },
    {
      validator: ({ terminatedAt }) => {
        if (Number.isNaN(Date.parse(terminatedAt))) throw rules.conflict('departedAt is not a valid time');
      },
    },
  );

  setHandler(
    restoreContactUpdate,
    async (request) => {
      if (state.phase === 'ACTIVE') return current();
      rules.restore(state, request?.reason, now());
      touched();
      await records.markReturned({ contactId: state.contactId });
      return current();
    },
    { validator: (_request) => rules.assertRestorable(state) },
  );

  setHandler(
    contactErasureUpdate,
    ({ reason }) => {
      rules.requestErasure(state, reason, now());
      touched();
      return current();
    },
    { validator: (_request) => rules.assertNotFinal(state, 'erase') },
  );

  installHoldHandlers(state, current, touched, {
    hold: contactHoldUpdate,
    release: contactReleaseUpdate,
    rules,
    lifecycle: 'contact lifecycle',
  });
  setHandler(contactStateQuery, current);
  publish(facts(state));
  const project = createProjector();

  while (state.phase !== 'ANONYMISED') {
    const seen = changes;
    await project(projectionRow(facts(state), 'running'), seen);

    if (rules.isDue(state, now())) {
      await anonymise(state);
      touched();
      continue;
    }
    const wake = () => changes !== seen || workflowInfo().continueAsNewSuggested;
    const due = rules.nextDueMs(state);
    if (due !== null) await condition(wake, Math.max(0, due - now()));
    else await condition(wake);

    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof contactLifecycleWorkflow>({ ...input, state });
    }
  }

  await condition(allHandlersFinished);
  await project(projectionRow(facts(state), 'completed'), changes, true);
  return { contactId: state.contactId, phase: 'ANONYMISED', evidenceId: state.evidenceId };
}

async function anonymise(state: ContactLifecycleState): Promise<void> {
  const info = workflowInfo();
  const due = rules.anonymiseDueMs(state);
  const rule: ContactAnonymisationRule = state.erasure ? 'contact.erasure' : 'contact.anonymise';
  state.anonymising = true;
  const outcome = await records.anonymiseContact({
    contactId: state.contactId,
    rule,
    policyVersion: state.policy.version,
    reason: state.erasure?.reason ?? null,
    triggeredAt: state.departedAt ?? state.erasure?.requestedAt ?? null,
    dueAt: due === null ? null : new Date(due).toISOString(),
    workflowId: info.workflowId,
    runId: info.runId,
    idempotencyKey: `${info.workflowId}/${info.firstExecutionRunId}/contact-anonymise`,
  });
  Object.assign(state, { phase: 'ANONYMISED', anonymising: false, anonymisedAt: outcome.finishedAt, evidenceId: outcome.evidenceId });
  rules.record(state, 'anonymised', Date.now(), rule);
  log.info('contact person anonymised', { contactId: state.contactId, rule, evidenceId: outcome.evidenceId });
}

function facts(s: ContactLifecycleState) {
  return lifecycleFacts('contact', s.contactId, rules.nextDueMs(s), s);
}
