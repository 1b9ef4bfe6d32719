// Erases a subject again after its lifecycle has done so: the conformance scan found personal data
// left or back (an admin's repair), or a restored backup brought erased people back (ops/re-purge).
// The kinds' own idempotent erasure activities do the work and write the evidence, under the rule
// the repair enforces; a new run of this workflow erases again, a retried one does not.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { ContactActivities } from '../../lifecycles/contact/activities';
import type { CustomerActivities } from '../../lifecycles/customer/activities';
import type { ProspectActivities } from '../../lifecycles/prospect/activities';
import type { UserActivities } from '../../lifecycles/user/activities';
import type { EvidenceSummary } from '../../lifecycles/shared/evidence';
import type { RuleId } from '../../policy/retention';
import { DATABASE_STEP } from '../../lifecycles/shared/activityOptions';

const users = proxyActivities<UserActivities>(DATABASE_STEP);
const customers = proxyActivities<CustomerActivities>(DATABASE_STEP);
const contacts = proxyActivities<ContactActivities>(DATABASE_STEP);
const prospects = proxyActivities<ProspectActivities>(DATABASE_STEP);

export const RE_ERASURE_STEPS = [
  'purge-user',
  'erase-case-requester',
  'anonymise-crm',
  'anonymise-erp',
  'anonymise-contact',
  'anonymise-prospect',
] as const;
export type ReErasureStep = (typeof RE_ERASURE_STEPS)[number];

export interface ReErasureInput {
  /** The subject's opaque ID: a user, a customer, a contact person, a prospect, or a support case (erase-case-requester). */
  subjectId: string;
  steps: ReErasureStep[];
  /** The rule the evidence records (the finding's, or backups.re-purge). */
  rule: RuleId;
  policyVersion: string;
  reason: string;
}

export interface ReErasureResult {
  steps: Array<{ step: ReErasureStep; evidenceId: string; alreadyDone: boolean }>;
}

export const reErasureWorkflowId = (subjectKind: string, subjectId: string) => `re-erasure-${subjectKind}-${subjectId}`;

export async function reErasureWorkflow(input: ReErasureInput): Promise<ReErasureResult> {
  const info = workflowInfo();
  const now = new Date().toISOString();
  const step = (name: ReErasureStep) => ({
    rule: input.rule,
    policyVersion: input.policyVersion,
    reason: input.reason,
    triggeredAt: now,
    dueAt: now,
    workflowId: info.workflowId,
    runId: info.runId,
    idempotencyKey: `${info.workflowId}/${info.firstExecutionRunId}/${name}`,
  });
  const customerRule = (rule: RuleId) =>
    rule === 'backups.re-purge' || rule === 'erp.cap' || rule === 'crm.erasure' ? rule : 'crm.anonymise';
  const result: ReErasureResult = { steps: [] };
  for (const name of input.steps) {
    let outcome: EvidenceSummary;
    switch (name) {
      case 'purge-user':
        outcome = await users.purgeUser({ ...step(name), userId: input.subjectId });
        break;
      case 'erase-case-requester':
        outcome = await users.eraseCaseRequester({ ...step(name), caseId: input.subjectId });
        break;
      case 'anonymise-crm':
        outcome = await customers.anonymiseCrm({ ...step(name), customerId: input.subjectId, rule: customerRule(input.rule) });
        break;
      case 'anonymise-erp':
        outcome = await customers.anonymiseErp({ ...step(name), customerId: input.subjectId, rule: customerRule(input.rule) });
        break;
      case 'anonymise-contact':
        outcome = await contacts.anonymiseContact({
          ...step(name),
          contactId: input.subjectId,
          rule: input.rule === 'backups.re-purge' || input.rule === 'contact.erasure' ? input.rule : 'contact.anonymise',
        });
        break;
      case 'anonymise-prospect': {
        const rule = input.rule === 'backups.re-purge' || input.rule === 'prospect.erasure' ? input.rule : 'prospect.anonymise';
        outcome = await prospects.anonymiseProspect({ ...step(name), prospectId: input.subjectId, rule });
        break;
      }
    }
    result.steps.push({ step: name, evidenceId: outcome.evidenceId, alreadyDone: outcome.alreadyDone });
  }
  return result;
}
