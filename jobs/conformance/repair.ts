// Carries out a finding's repair (an admin asks for it in the console, with a reason): start or
// restart the subject's lifecycle as of its end, ask the running lifecycle to erase now, erase
// again after the lifecycle is done (jobs/reErasure), delete a closed history whose search
// attributes kept what the purge cleared, or run the ageing sweep now (jobs/ageing). The next scan
// says whether it worked: a finding resolves only when the scan no longer finds it.
import type { Client } from '@temporalio/client';
import type { Db } from '../../db/client';
import { ensureLifecycle } from '../../lifecycles/backdated';
import { createLifecycleClient } from '../../lifecycles/client';
import type { RepairCode } from '../../lifecycles/conformance';
import { ConflictError, NotFoundError } from '../../lifecycles/errors';
import { registrationOf } from '../../lifecycles/registry';
import { toAvailabilityError, toLookupError } from '../../lifecycles/temporalErrors';
import type { PolicySnapshot, RuleId } from '../../policy/retention';
import { reErasureWorkflow, reErasureWorkflowId, type ReErasureStep } from '../reErasure/workflow';
import { ageingInput, manualAgeingId, startAgeingSweepNow } from '../ageing/schedule';

export interface RepairDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  policy: PolicySnapshot;
  /** AGEING_SWEEP_EVERY: the sweep a repair starts takes what falls due before the next scheduled one. */
  ageingEveryMs: number;
  timeoutMs?: number;
}

/** The finding as the repair needs it. */
export interface RepairableFinding {
  check: string;
  rule: string;
  subjectKind: string;
  subjectId: string;
  workflowId: string | null;
  repair: string;
}

/** What each repair that erases again does, by the kind and the rule found broken. */
export function reErasureSteps(f: Pick<RepairableFinding, 'check' | 'rule' | 'subjectKind'>): ReErasureStep[] {
  if (f.subjectKind === 'user') return ['purge-user'];
  if (f.subjectKind === 'supportCase') return ['erase-case-requester'];
  if (f.subjectKind === 'contact') return ['anonymise-contact'];
  if (f.subjectKind === 'prospect') return ['anonymise-prospect'];
  if (f.subjectKind === 'customer') {
    // A closed relationship restored from a backup needs both of its steps again.
    if (f.check === 'lifecycle.completed-data-back') return ['anonymise-crm', 'anonymise-erp'];
    return f.check === 'customer.erp-overdue' ? ['anonymise-erp'] : ['anonymise-crm'];
  }
  throw new ConflictError(`no re-erasure for ${f.subjectKind}`);
}

/** The rule a re-erasure's evidence records: data back after its lifecycle was done came back from a backup. */
const reErasureRule = (f: RepairableFinding): RuleId =>
  f.check === 'lifecycle.completed-data-back' ? 'backups.re-purge' : (f.rule as RuleId);

/** Does what the finding's repair says; returns what was started, for the audit record. */
export async function carryOutRepair(deps: RepairDeps, f: RepairableFinding, reason: string): Promise<string> {
  const { db, temporal, taskQueue, policy, ageingEveryMs, timeoutMs = 10_000 } = deps;
  const repair = f.repair as RepairCode;
  const bounded = <T>(call: () => Promise<T>) => temporal.connection.withDeadline(Date.now() + timeoutMs, call);
  const registration = registrationOf(f.subjectKind);

  switch (repair) {
    case 'start-lifecycle':
    case 'erase-now': {
      if (!registration) throw new ConflictError(`${f.subjectKind} has no lifecycle`);
      const client = createLifecycleClient(registration.kind, { temporal, taskQueue, policy, timeoutMs });
      if (repair === 'erase-now') {
        await client.update(f.subjectId, registration.kind.updates.erase, { reason });
        return 'erasure requested from the running lifecycle';
      }
      const subject = await registration.subjects(db).find(f.subjectId);
      if (!subject) throw new NotFoundError(`${f.subjectKind} ${f.subjectId} no longer exists`);
      if (subject.final) throw new ConflictError(`${f.subjectKind} ${f.subjectId} is already erased: nothing to start`);
      const outcome = await ensureLifecycle(
        client,
        registration.kind.updates,
        { id: f.subjectId, active: subject.active, customerId: subject.customerId, endedAt: subject.endedAt ?? null },
        { reason },
      );
      return `lifecycle ${outcome}`;
    }
    case 'erase-again': {
      const workflowId = reErasureWorkflowId(f.subjectKind, f.subjectId);
      try {
        const handle = await bounded(() =>
          temporal.workflow.start(reErasureWorkflow, {
            workflowId,
            taskQueue,
            args: [{ subjectId: f.subjectId, steps: reErasureSteps(f), rule: reErasureRule(f), policyVersion: policy.version, reason }],
            workflowIdConflictPolicy: 'USE_EXISTING',
            workflowIdReusePolicy: 'ALLOW_DUPLICATE',
          }),
        );
        return `re-erasure ${workflowId} run ${handle.firstExecutionRunId}`;
      } catch (err) {
        throw toAvailabilityError(err);
      }
    }
    case 'delete-history': {
      if (!f.workflowId) throw new ConflictError('the finding names no workflow');
      try {
        await bounded(() =>
          temporal.workflowService.deleteWorkflowExecution({
            namespace: temporal.options.namespace,
            workflowExecution: { workflowId: f.workflowId },
          }),
        );
      } catch (err) {
        throw toLookupError(err, f.workflowId);
      }
      return `history of ${f.workflowId} deleted (its evidence stays in the ledger)`;
    }
    case 'sweep-now': {
      // The sweep ages every overdue record of every subject, not this one alone; one started by
      // hand and still running takes this subject's rows too.
      let started: Awaited<ReturnType<typeof startAgeingSweepNow>>;
      try {
        started = await bounded(() => startAgeingSweepNow(temporal, { taskQueue, input: ageingInput(policy, ageingEveryMs) }));
      } catch (err) {
        throw toAvailabilityError(err);
      }
      return started
        ? `ageing sweep ${started.workflowId} run ${started.runId}`
        : `ageing sweep ${manualAgeingId(taskQueue)} already running: it takes these rows`;
    }
    case 'operator':
      throw new ConflictError(
        f.check === 'temporal.namespace-retention'
          ? 'an operator sets the namespace retention (temporal operator namespace update --retention, or restart npm start / the compose setup job)'
          : 'an operator repairs this finding: the lifecycle is waiting for one',
      );
    case 'none':
      throw new ConflictError('nothing to repair: the finding is on record only');
  }
}
