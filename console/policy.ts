// The policy a lifecycle runs under, read back from the version it carries. policyVersion() spells
// every override out (`nitd-2026.1+userQuarantine=PT20S`), so the projection row's version is enough
// to know the durations in force for that lifecycle, whatever this API process is configured with.
import { isIsoDuration } from '../policy/duration';
import {
  DEFAULT_DURATIONS,
  POLICY_BASE_VERSION,
  buildRules,
  policyVersion,
  type PolicySnapshot,
  type RetentionDurations,
  type RetentionRule,
} from '../policy/retention';
import type { PolicyInfo, PolicyOverride, RuleInForce } from './records';

const SETTINGS = Object.keys(DEFAULT_DURATIONS) as (keyof RetentionDurations)[];

/** The snapshot a version names, or null for a version this code cannot read (another base, a malformed override). */
export function snapshotFromVersion(version: string): PolicySnapshot | null {
  const [base, overrides, ...rest] = version.split('+');
  if (base !== POLICY_BASE_VERSION || rest.length > 0) return null;
  const durations: RetentionDurations = { ...DEFAULT_DURATIONS };
  for (const part of overrides ? overrides.split(',') : []) {
    const [key, value, ...more] = part.split('=');
    if (more.length || !value || !SETTINGS.includes(key as keyof RetentionDurations) || !isIsoDuration(value)) return null;
    durations[key as keyof RetentionDurations] = value;
  }
  // Only a version policyVersion() itself would write is trusted (no repeated or reordered keys).
  return policyVersion(durations) === version ? { ...durations, version } : null;
}

/** What the console says about a lifecycle's policy: readable or not, and where it departs from the notice. */
export function policyInfo(version: string): PolicyInfo {
  const snapshot = snapshotFromVersion(version);
  const overrides: PolicyOverride[] = snapshot
    ? SETTINGS.filter((k) => snapshot[k] !== DEFAULT_DURATIONS[k]).map((k) => ({
        setting: k,
        value: snapshot[k],
        notice: DEFAULT_DURATIONS[k],
      }))
    : [];
  return { version, known: snapshot !== null, overrides };
}

/** One rule as the lifecycle's own snapshot defines it (its real duration), or null if the rule or the version is unknown. */
export function ruleUnder(
  version: string,
  ruleId: string | null | undefined,
  how: Pick<RuleInForce, 'source' | 'inForce'>,
): RuleInForce | null {
  if (!ruleId) return null;
  const snapshot = snapshotFromVersion(version);
  // An unreadable version still names the rule and its sentence, never a duration it may not have had.
  const rules: RetentionRule[] = buildRules(snapshot ?? DEFAULT_DURATIONS);
  const rule = rules.find((r) => r.id === ruleId);
  if (!rule) return null;
  return {
    id: rule.id,
    action: rule.action,
    duration: snapshot ? (rule.duration ?? null) : null,
    trigger: rule.trigger,
    clause: rule.clause,
    notice: rule.notice,
    policyVersion: version,
    ...how,
  };
}
