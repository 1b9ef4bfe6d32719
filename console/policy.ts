// The policy a lifecycle runs under, read back from the version it carries. policyVersion() spells
// every override out (`nitd-2026.1+userQuarantine=PT20S`), so the projection row's version is enough
// to know the durations in force for that lifecycle, whatever this API process is configured with.
import { isIsoDuration } from '../policy/duration';
import { isLegalDuty } from '../policy/legalDuties';
import {
  DEFAULT_DURATIONS,
  DEFAULT_SAFETY_MARGIN,
  POLICY_BASE_VERSION,
  buildRules,
  type PolicySnapshot,
  type RetentionDurations,
  type RetentionRule,
} from '../policy/retention';
import type { PolicyInfo, PolicyOverride, RuleInForce } from './records';

const SETTINGS = Object.keys(DEFAULT_DURATIONS) as (keyof RetentionDurations)[];

/**
 * The bases this code reads: the current one, whose steps aimed at a maximum keep a safety margin
 * (P1D unless the version names another), and nitd-2026.1, from before margins existed.
 */
const BASES: Record<string, { margin: string | undefined }> = {
  'nitd-2026.1': { margin: undefined },
  [POLICY_BASE_VERSION]: { margin: DEFAULT_SAFETY_MARGIN },
};

/** The snapshot a version names, or null for a version this code cannot read (another base, a malformed override). */
export function snapshotFromVersion(version: string): (PolicySnapshot & Required<RetentionDurations>) | null {
  const [base = '', overrides, ...rest] = version.split('+');
  const known = BASES[base];
  if (!known || rest.length > 0) return null;
  const durations: Required<RetentionDurations> = { ...DEFAULT_DURATIONS };
  let safetyMargin = known.margin;
  let erpLegalDuty: string | undefined;
  const written: string[] = [];
  for (const part of overrides ? overrides.split(',') : []) {
    const [key, value, ...more] = part.split('=');
    if (more.length || !value) return null;
    if (key === 'erpLegalDuty' && known.margin !== undefined && isLegalDuty(value)) erpLegalDuty = value;
    else if (!isIsoDuration(value)) return null;
    else if (key === 'safetyMargin' && known.margin !== undefined) safetyMargin = value;
    else if (SETTINGS.includes(key as keyof RetentionDurations)) durations[key as keyof RetentionDurations] = value;
    else return null;
    written.push(part);
  }
  // Only a version policyVersion() itself would write is trusted (no repeated or reordered keys).
  const canonical = [
    ...SETTINGS.filter((k) => durations[k] !== DEFAULT_DURATIONS[k]).map((k) => `${k}=${durations[k]}`),
    ...(safetyMargin !== known.margin ? [`safetyMargin=${safetyMargin}`] : []),
    ...(erpLegalDuty ? [`erpLegalDuty=${erpLegalDuty}`] : []),
  ];
  if (canonical.join(',') !== written.join(',')) return null;
  return { ...durations, version, ...(safetyMargin !== undefined ? { safetyMargin } : {}), ...(erpLegalDuty ? { erpLegalDuty } : {}) };
}

/** What the console says about a lifecycle's policy: readable or not, and where it departs from the notice. */
export function policyInfo(version: string): PolicyInfo {
  const snapshot = snapshotFromVersion(version);
  const overrides: PolicyOverride[] = snapshot
    ? SETTINGS.filter((k) => snapshot[k] !== DEFAULT_DURATIONS[k]).map((k) => ({
        setting: k,
        value: snapshot[k]!,
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
