// Deadlines the notice sets as maxima are met, not aimed at: each step is scheduled the safety
// margin before its limit. Calendar arithmetic is UTC (docs/policy.md, "Calendar"); the expected
// instants are written out, with what they are on the Oslo wall clock.
import { describe, expect, it } from 'vitest';
import { aimedWithin } from '../../policy/deadlines';
import { crmDueMs, erpDueMs, initialState, terminate } from '../../lifecycles/customer/rules';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function ended(endedAt: string, safetyMargin: string | undefined) {
  const s = initialState({
    customerId: 'c1',
    policy: { userQuarantine: 'P30D', crmAnonymise: 'P3Y', erpMax: 'P5Y', version: 'v', safetyMargin },
  });
  terminate(s, endedAt, undefined, at(endedAt));
  return s;
}

describe('maximum-type deadlines with a safety margin', () => {
  it('aims a day before «innen 3 år» and «etter 5 år»', () => {
    const s = ended('2026-06-15T10:00:00.000Z', 'P1D');
    expect(iso(crmDueMs(s))).toBe('2029-06-14T10:00:00.000Z');
    expect(iso(erpDueMs(s))).toBe('2031-06-14T10:00:00.000Z');
  });

  it('ends on a leap day: 29 Feb 2024 + 3 years is 28 Feb 2027, a day before is 27 Feb (11:00 in Oslo)', () => {
    const s = ended('2024-02-29T10:00:00.000Z', 'P1D');
    expect(iso(crmDueMs(s))).toBe('2027-02-27T10:00:00.000Z');
    expect(iso(erpDueMs(s))).toBe('2029-02-27T10:00:00.000Z');
  });

  it("ends at 00:30 on 29 Feb in Oslo (28 Feb 23:30 UTC): aimed at 28 Feb 2027 00:30 in Oslo, inside Oslo's window too", () => {
    const s = ended('2024-02-28T23:30:00.000Z', 'P1D');
    // Without the margin this would be 1 March 00:30 in Oslo, past the Oslo calendar's 3 years.
    expect(iso(crmDueMs(s))).toBe('2027-02-27T23:30:00.000Z');
  });

  it('ends across the spring DST change (01:30 CET on 29 March 2026): UTC years, a day earlier', () => {
    const s = ended('2026-03-29T00:30:00.000Z', 'P1D');
    expect(iso(crmDueMs(s))).toBe('2029-03-28T00:30:00.000Z');
  });

  it('ends across the autumn DST change (02:30 CEST on 25 October 2026): UTC years, a day earlier', () => {
    const s = ended('2026-10-25T00:30:00.000Z', 'P1D');
    expect(iso(erpDueMs(s))).toBe('2031-10-24T00:30:00.000Z');
  });

  it('keeps a shorter configured time as it is: the margin only guards the limit', () => {
    expect(iso(aimedWithin(at('2026-06-15T10:00:00.000Z'), 'PT6S', 'P3Y', 'P1D'))).toBe('2026-06-15T10:00:06.000Z');
    expect(iso(aimedWithin(at('2026-06-15T10:00:00.000Z'), 'P2Y', 'P3Y', 'P1D'))).toBe('2028-06-15T10:00:00.000Z');
  });

  it('leaves lifecycles started before margins existed on their old dates (no margin in their snapshot)', () => {
    const s = ended('2026-06-15T10:00:00.000Z', undefined);
    expect(iso(crmDueMs(s))).toBe('2029-06-15T10:00:00.000Z');
    expect(iso(erpDueMs(s))).toBe('2031-06-15T10:00:00.000Z');
  });
});
