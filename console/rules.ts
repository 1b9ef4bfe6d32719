// Which policy rule governs a lifecycle in its current phase, for the lifecycle page: the kind's
// own phase → rule map (its contract), unless the workflow reports the rule it ran (user.erasure).
import { buildRules, type PolicySnapshot, type RetentionRule } from '../policy/retention';
import { registrationOf } from '../lifecycles/registry';

export function ruleFor(policy: PolicySnapshot, kind: string, phase: string, reported?: string | null): RetentionRule | null {
  const id = reported ?? registrationOf(kind)?.ruleByPhase[phase];
  return buildRules(policy).find((r) => r.id === id) ?? null;
}
