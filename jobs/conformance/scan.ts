// One pass of every check over the stores (the activity in ./activities.ts records the result).
// Checks run one after another, each set-based; `progress` is called after each, for heartbeats.
import type { CheckContext, ConformanceCheck, FindingCandidate } from '../../lifecycles/conformance';

export interface ScanResult {
  findings: FindingCandidate[];
  examined: number;
  checks: string[];
  stores: string[];
}

/** The finding's identity across scans: one open finding per key. */
export const findingKey = (f: FindingCandidate) => [f.check, f.subjectKind, f.subjectId, ...(f.ref ? [f.ref] : [])].join(':');

export async function runChecks(
  ctx: CheckContext,
  checks: readonly ConformanceCheck[],
  progress: (done: string) => void = () => {},
): Promise<ScanResult> {
  const findings: FindingCandidate[] = [];
  const taken = new Set<string>();
  let examined = 0;
  for (const check of checks) {
    const outcome = await check.run(ctx);
    examined += outcome.examined;
    for (const f of outcome.findings) {
      // A late erasure is history, not a state: it never hides (or is hidden by) a current finding.
      const subjectRule = f.resolvedAt ? findingKey(f) : `${f.subjectKind}:${f.subjectId}:${f.rule}`;
      if (taken.has(subjectRule)) continue;
      taken.add(subjectRule);
      findings.push(f);
    }
    progress(check.code);
  }
  return {
    findings,
    examined,
    checks: checks.map((c) => c.code),
    stores: [...new Set(checks.map((c) => c.store))],
  };
}
