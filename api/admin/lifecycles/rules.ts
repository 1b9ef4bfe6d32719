// Which policy rule governs a lifecycle in its current phase, for the lifecycle page.
import { buildRules, type PolicySnapshot, type RetentionRule, type RuleId } from '../../../policy/retention';

const RULE_BY_PHASE: Record<string, Record<string, RuleId>> = {
  user: { ACTIVE: 'user.retain-while-active', QUARANTINED: 'user.quarantine-purge', PURGED: 'user.quarantine-purge' },
  customer: { ENDED: 'crm.anonymise', CRM_ANONYMISED: 'erp.cap', CLOSED: 'erp.cap' },
};

/** The rule in force: the one the workflow reports (e.g. user.erasure) wins over the phase's default. */
export function ruleFor(policy: PolicySnapshot, kind: string, phase: string, reported?: string | null): RetentionRule | null {
  const id = reported ?? RULE_BY_PHASE[kind]?.[phase];
  return buildRules(policy).find((r) => r.id === id) ?? null;
}
