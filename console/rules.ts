// Which rule a lifecycle runs under, for its page: never this process's configuration, always the
// lifecycle's own policy version (console/policy.ts). A running lifecycle runs under the rule it
// reports (a user's purge rule, an erasure request), else its kind's rule for the phase; a closed one
// ran under what the ledger recorded; a cancelled or failed one has none in force.
import { buildRules, DEFAULT_DURATIONS } from '../policy/retention';
import { registrationOf } from '../lifecycles/registry';
import { ruleUnder } from './policy';
import type { NoRuleReason, RuleInForce } from './records';

const ERASING = new Set(['purge', 'anonymise']);

/** The erasure rule of the family a phase rule belongs to: `user.quarantine-purge` → `user.erasure`, `crm.anonymise` → `crm.erasure`. */
function erasureRuleBeside(ruleId: string | undefined): string | null {
  const family = ruleId?.split('.')[0];
  return buildRules(DEFAULT_DURATIONS).find((r) => r.id === `${family}.erasure`)?.id ?? null;
}

/** The rule id a running lifecycle reports through its state, or its kind's rule for the phase. */
export function runningRuleId(kind: string, phase: string, state: Record<string, unknown> | null): string | null {
  const byPhase = registrationOf(kind)?.ruleByPhase[phase];
  if (state && typeof state.purgeRule === 'string') return state.purgeRule;
  if (state && typeof state.ruleInForce === 'string') return state.ruleInForce;
  if (state && typeof state.erasureRequestedAt === 'string') return erasureRuleBeside(byPhase) ?? byPhase ?? null;
  return byPhase ?? null;
}

export interface RuleFacts {
  kind: string;
  phase: string;
  status: string;
  policyVersion: string;
  /** The lifecycle's ledger records, oldest first. */
  evidence: { rule: string; action: string; policyVersion: string }[];
}

/** The rule from Postgres alone: the phase's rule while running, the ledger's once closed. */
export function ruleFromFacts(f: RuleFacts): { rule: RuleInForce | null; noRule: NoRuleReason | null } {
  if (f.status === 'cancelled' || f.status === 'failed') return { rule: null, noRule: f.status };
  if (f.status === 'completed') {
    const last = f.evidence.filter((e) => ERASING.has(e.action)).at(-1);
    const rule = last ? ruleUnder(last.policyVersion, last.rule, { source: 'ledger', inForce: false }) : null;
    return { rule, noRule: rule ? null : 'closed' };
  }
  const rule = ruleUnder(f.policyVersion, runningRuleId(f.kind, f.phase, null), { source: 'projection', inForce: true });
  return { rule, noRule: rule ? null : 'no-clock' };
}

/** The rule a running workflow reports in its state, under its own policy version. */
export function ruleFromState(kind: string, phase: string, policyVersion: string, state: Record<string, unknown>): RuleInForce | null {
  const version = typeof state.policyVersion === 'string' ? state.policyVersion : policyVersion;
  return ruleUnder(version, runningRuleId(kind, phase, state), { source: 'workflow', inForce: true });
}
