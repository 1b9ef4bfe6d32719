// The ageing rules' date math (policy/ageing.ts): a record's own deadline, and the cutoff the sweep
// takes records up to. The cutoff must take every record due by the moment asked (never late),
// and none due more than a day after it (early only where calendar years fold 29 February onto
// 28 February). Written-out dates first, then the same promises over many pseudo-random dates.
import { describe, expect, it } from 'vitest';
import { ageingCutoffMs, ageingDueMs, type AgeingPolicy } from '../../policy/ageing';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const DAY = 86_400_000;
const NOTICE: AgeingPolicy = { erpMax: 'P5Y', safetyMargin: 'P1D' };

describe("a record's ageing deadline", () => {
  it('is its own date + 5 years less the safety margin', () => {
    expect(iso(ageingDueMs(at('2021-03-10T08:00:00.000Z'), NOTICE))).toBe('2026-03-09T08:00:00.000Z');
  });

  it('counts a leap day as the calendar does: 29 Feb 2024 + 5 years is 28 Feb 2029, aimed a day before', () => {
    expect(iso(ageingDueMs(at('2024-02-29T10:00:00.000Z'), NOTICE))).toBe('2029-02-27T10:00:00.000Z');
  });

  it('keeps a shorter RETENTION_ERP_MAX as configured, and an hour-long margin', () => {
    expect(iso(ageingDueMs(at('2026-06-15T10:00:00.000Z'), { erpMax: 'PT20S', safetyMargin: 'P1D' }))).toBe('2026-06-15T10:00:20.000Z');
    expect(iso(ageingDueMs(at('2021-06-15T10:00:00.000Z'), { erpMax: 'P5Y', safetyMargin: 'PT6H' }))).toBe('2026-06-15T04:00:00.000Z');
  });
});

describe('the sweep cutoff', () => {
  it('is the date whose deadline is the moment asked', () => {
    expect(iso(ageingCutoffMs(at('2026-03-09T08:00:00.000Z'), NOTICE))).toBe('2021-03-10T08:00:00.000Z');
    expect(iso(ageingCutoffMs(at('2026-06-15T10:00:20.000Z'), { erpMax: 'PT20S', safetyMargin: 'P1D' }))).toBe('2026-06-15T10:00:00.000Z');
    // A snapshot from before margins (nitd-2026.1): the full 5 years.
    expect(iso(ageingCutoffMs(at('2026-03-10T08:00:00.000Z'), { erpMax: 'P5Y' }))).toBe('2021-03-10T08:00:00.000Z');
  });

  it('takes a 29 February record when its folded deadline comes, not a day later', () => {
    // 29 Feb 2024 10:00 is due 27 Feb 2029 10:00; plain subtraction would give 27 Feb 2024 10:00.
    expect(iso(ageingCutoffMs(at('2029-02-27T10:00:00.000Z'), NOTICE))).toBe('2024-02-29T10:00:00.000Z');
  });

  it('takes every record of a day folded onto an earlier date', () => {
    // In 2028 (a leap year) nothing from 2023 lands on 29 February: 28 Feb 2023 is due 27 Feb 2028,
    // 1 March 2023 on 29 Feb 2028. At 28 Feb 2028 12:00 the whole of 28 Feb 2023 is due.
    expect(iso(ageingCutoffMs(at('2028-02-28T12:00:00.000Z'), NOTICE))).toBe('2023-02-28T23:59:59.999Z');
  });

  // A small deterministic generator, so a failure names a date that fails again.
  function* dates(seed: number, n: number, from: string, to: string) {
    let s = seed;
    const lo = at(from);
    const span = at(to) - lo;
    for (let i = 0; i < n; i++) {
      s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
      yield lo + Math.floor((s / 2_147_483_648) * span);
    }
  }

  const policies: AgeingPolicy[] = [
    NOTICE,
    { erpMax: 'P5Y', safetyMargin: 'PT6H' },
    { erpMax: 'P5Y' },
    { erpMax: 'P60M', safetyMargin: 'P1D' },
    { erpMax: 'P1826D', safetyMargin: 'P1D' },
    { erpMax: 'P4Y11M', safetyMargin: 'P2D' },
    { erpMax: 'P1M', safetyMargin: 'P1D' },
    { erpMax: 'PT20S', safetyMargin: 'P1D' },
  ];

  it.each(policies)('never leaves a due record behind, and takes none more than a day early (%o)', (policy) => {
    // Moments to sweep at, near month ends and leap days included (2027-2031).
    const moments = [...dates(7, 150, '2027-01-01', '2031-12-31'), at('2028-02-29T00:00:00.000Z'), at('2029-03-01T05:00:00.000Z')];
    for (const dueBy of moments) {
      const cutoff = ageingCutoffMs(dueBy, policy);
      expect(ageingDueMs(cutoff, policy), `cutoff ${iso(cutoff)} for ${iso(dueBy)}`).toBeLessThanOrEqual(dueBy);
      // Records around the cutoff, and around the end of February of every year near it.
      const near = [...dates(dueBy % 1000, 60, iso(cutoff - 4 * DAY), iso(cutoff + 4 * DAY))];
      for (const record of near) {
        const due = ageingDueMs(record, policy);
        if (due <= dueBy) expect(record, `record ${iso(record)} due ${iso(due)} <= ${iso(dueBy)}`).toBeLessThanOrEqual(cutoff);
        if (record <= cutoff) expect(due - dueBy, `record ${iso(record)} taken early`).toBeLessThan(DAY);
      }
    }
  });
});
