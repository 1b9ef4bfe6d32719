// The 5-year cap in both layers: start-up refuses a longer setting, and the customer workflow's
// own date rules clamp whatever snapshot they are handed.
import { describe, expect, it } from 'vitest';
import { policyFromEnv, PolicyError } from '../../policy/fromEnv';
import { crmDueMs, erpDueMs, initialState, nextDueMs, stepDue, terminate } from '../../lifecycles/customer/rules';

describe('start-up refuses anonymisation past the 5-year cap', () => {
  it.each(['P6Y', 'P5Y1D', 'P61M', 'P1827D', 'P4Y366D'])('RETENTION_ERP_MAX=%s is refused', (erpMax) => {
    expect(() => policyFromEnv({ RETENTION_ERP_MAX: erpMax })).toThrow(PolicyError);
    expect(() => policyFromEnv({ RETENTION_ERP_MAX: erpMax })).toThrow(/exceeds the notice's 5-year maximum/);
  });

  it.each(['P5Y', 'P60M', 'P1826D', 'P4Y', 'PT10S'])('RETENTION_ERP_MAX=%s is allowed (shortening is fine)', (erpMax) => {
    expect(policyFromEnv({ RETENTION_ERP_MAX: erpMax, RETENTION_CRM_ANONYMISE: 'PT6S' }).erpMax).toBe(erpMax);
  });

  it('refuses CRM anonymisation later than the ERP cap', () => {
    expect(() => policyFromEnv({ RETENTION_CRM_ANONYMISE: 'P2Y', RETENTION_ERP_MAX: 'P1Y' })).toThrow(/exceeds RETENTION_ERP_MAX/);
  });
});

describe('customer due dates', () => {
  const endedAt = '2025-03-31T12:00:00.000Z';
  const ended = (policy: { crmAnonymise: string; erpMax: string }) => {
    const s = initialState({ customerId: 'c1', policy: { userQuarantine: 'P30D', version: 'v', ...policy } });
    terminate(s, endedAt, undefined, Date.parse(endedAt));
    return s;
  };
  // End + 5 years (NOTICE_CAP), written out.
  const cap = Date.parse('2030-03-31T12:00:00.000Z');

  it('picks the end of the 3-year window, in calendar years', () => {
    const s = ended({ crmAnonymise: 'P3Y', erpMax: 'P5Y' });
    expect(new Date(crmDueMs(s)!).toISOString()).toBe('2028-03-31T12:00:00.000Z');
    expect(new Date(erpDueMs(s)!).toISOString()).toBe('2030-03-31T12:00:00.000Z');
  });

  it('clamps a snapshot longer than the cap to end + 5 years', () => {
    const s = ended({ crmAnonymise: 'P9Y', erpMax: 'P10Y' });
    expect(erpDueMs(s)).toBe(cap);
    expect(crmDueMs(s)).toBe(cap);
  });

  it('never runs CRM after ERP, whatever the snapshot says', () => {
    const s = ended({ crmAnonymise: 'P4Y', erpMax: 'P2Y' });
    expect(crmDueMs(s)).toBe(erpDueMs(s));
  });

  it('brings CRM forward to an erasure request; ERP keeps its date', () => {
    const s = ended({ crmAnonymise: 'P3Y', erpMax: 'P5Y' });
    s.erasure = { reason: 'art. 17', requestedAt: '2025-04-02T00:00:00.000Z' };
    expect(new Date(crmDueMs(s)!).toISOString()).toBe('2025-04-02T00:00:00.000Z');
    expect(erpDueMs(s)).toBe(cap);
  });

  it('runs nothing while held, and shows no due date', () => {
    const s = ended({ crmAnonymise: 'P3Y', erpMax: 'P5Y' });
    s.hold = { reason: 'tvist', since: endedAt };
    expect(stepDue(s, cap + 1)).toBeNull();
    expect(nextDueMs(s)).toBeNull();
    s.hold = null;
    expect(stepDue(s, cap + 1)).toBe('crm');
  });
});
