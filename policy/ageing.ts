// The 5-year rule while a relationship lasts («CRM- og ERP-systemer anonymiserer/sletter
// personvernregulerte opplysninger etter 5 år.»): a CRM activity, a contact person and an invoice
// each lose their personal fields 5 years after their own date (the activity, the contact's last
// touch, the invoice), whether the relationship is active or not. Pure, so the sweep's workflow
// computes its cutoffs here and the conformance scan its deadlines.
import { aimedWithin, marginMs } from './deadlines';
import { addIsoDuration } from './duration';
import { NOTICE_CAP, type PolicySnapshot } from './retention';

export type AgeingPolicy = Pick<PolicySnapshot, 'erpMax' | 'safetyMargin'>;

const DAY = 86_400_000;

/**
 * A record's own deadline: its date + RETENTION_ERP_MAX, at the latest the notice's 5 years less the
 * safety margin (a maximum, aimed like the customer lifecycle's ERP step).
 */
export function ageingDueMs(recordMs: number, policy: AgeingPolicy): number {
  return aimedWithin(recordMs, policy.erpMax, NOTICE_CAP, policy.safetyMargin);
}

/**
 * The latest record date whose deadline falls at or before `dueByMs`: a sweep that takes every
 * record dated at or before it takes every record due by then, and none due more than a day later.
 *
 * Not a plain subtraction: calendar years fold days together (29 Feb 2024 + 5 years is 28 Feb 2029,
 * like 28 Feb 2024), so the dates due by a moment are not always one range. The cutoff is the
 * latest of them; a record dated between a folded day and it (28 Feb after the hour, in a leap year)
 * is taken less than a day early, which a maximum allows. Exact everywhere else.
 */
export function ageingCutoffMs(dueByMs: number, policy: AgeingPolicy): number {
  // The deadline is the earlier of two dates (the configured one, and the cap less the margin); the
  // records due by `dueByMs` are those due by either, so the cutoff is the later of the two
  // branches' own cutoffs. Each branch adds whole calendar days and then a fixed time, so its cutoff
  // is, on some UTC day near the estimate, either the instant with the estimate's time of day or
  // the day's last millisecond (every instant of a day folded onto an earlier date is due).
  const branches: Array<{ duration: string; target: number }> = [{ duration: policy.erpMax, target: dueByMs }];
  if (policy.safetyMargin !== undefined) branches.push({ duration: NOTICE_CAP, target: dueByMs + marginMs(policy.safetyMargin) });
  let cutoff = Number.NEGATIVE_INFINITY;
  for (const { duration, target } of branches) {
    // Backwards by the duration's length measured forwards: off by a few days of month lengths at most.
    const estimate = 2 * target - addIsoDuration(new Date(target), duration).getTime();
    const dayStart = Math.floor(estimate / DAY) * DAY;
    const timeOfDay = estimate - dayStart;
    for (let k = -5; k <= 5; k++) {
      for (const candidate of [dayStart + k * DAY + timeOfDay, dayStart + (k + 1) * DAY - 1]) {
        if (candidate > cutoff && ageingDueMs(candidate, policy) <= dueByMs) cutoff = candidate;
      }
    }
  }
  return cutoff;
}
