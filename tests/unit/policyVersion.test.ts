// The console reads a lifecycle's durations back from the version it carries: both bases this code
// has written (nitd-2026.1 without a safety margin, the current one with it), every override
// spelled out, and nothing it would not have written itself.
import { describe, expect, it } from 'vitest';
import { policyInfo, snapshotFromVersion } from '../../console/policy';
import { POLICY_BASE_VERSION, policyVersion } from '../../policy/retention';

describe('a policy version read back', () => {
  it('reads the current base with its default margin, and a margin or duration override', () => {
    expect(snapshotFromVersion(POLICY_BASE_VERSION)).toEqual({
      userQuarantine: 'P30D',
      crmAnonymise: 'P3Y',
      erpMax: 'P5Y',
      contact: 'P3Y',
      supportCase: 'P1Y',
      prospect: 'P5Y',
      safetyMargin: 'P1D',
      version: POLICY_BASE_VERSION,
    });
    const v = policyVersion({ userQuarantine: 'PT3S', crmAnonymise: 'P3Y', erpMax: 'P5Y' }, 'PT6H');
    expect(v).toBe(`${POLICY_BASE_VERSION}+userQuarantine=PT3S,safetyMargin=PT6H`);
    expect(snapshotFromVersion(v)).toMatchObject({ userQuarantine: 'PT3S', safetyMargin: 'PT6H' });
    const contact = policyVersion({ userQuarantine: 'P30D', crmAnonymise: 'P3Y', erpMax: 'P5Y', contact: 'P1Y' });
    expect(contact).toBe(`${POLICY_BASE_VERSION}+contact=P1Y`);
    expect(snapshotFromVersion(contact)).toMatchObject({ contact: 'P1Y' });
    const duty = policyVersion({ userQuarantine: 'P30D', crmAnonymise: 'P3Y', erpMax: 'P5Y' }, 'P1D', 'bokforingsloven');
    expect(duty).toBe(`${POLICY_BASE_VERSION}+erpLegalDuty=bokforingsloven`);
    expect(snapshotFromVersion(duty)).toMatchObject({ erpLegalDuty: 'bokforingsloven', safetyMargin: 'P1D' });
    expect(snapshotFromVersion(`${POLICY_BASE_VERSION}+erpLegalDuty=skatteloven`)).toBeNull();
  });

  it('reads lifecycles started under nitd-2026.1, which had no margin', () => {
    expect(snapshotFromVersion('nitd-2026.1+userQuarantine=PT20S')).toEqual({
      userQuarantine: 'PT20S',
      crmAnonymise: 'P3Y',
      erpMax: 'P5Y',
      // No contact kind then; a contact lifecycle reads its duration as the notice's limit.
      contact: 'P3Y',
      // Support cases had no lifecycle under nitd-2026.1; the default reads back harmlessly.
      supportCase: 'P1Y',
      // Nor had prospects; the default (the notice's 5 years) reads back harmlessly too.
      prospect: 'P5Y',
      version: 'nitd-2026.1+userQuarantine=PT20S',
    });
    expect(snapshotFromVersion('nitd-2026.1+safetyMargin=P1D')).toBeNull();
  });

  it('refuses what policyVersion would never write', () => {
    for (const v of [
      'nitd-2025.9',
      `${POLICY_BASE_VERSION}+safetyMargin=P1D`,
      `${POLICY_BASE_VERSION}+userQuarantine=P30D`,
      `${POLICY_BASE_VERSION}+safetyMargin=PT6H,userQuarantine=PT3S`,
      `${POLICY_BASE_VERSION}+userQuarantine=PT3S+x`,
      `${POLICY_BASE_VERSION}+colour=blue`,
    ])
      expect(snapshotFromVersion(v), v).toBeNull();
    expect(policyInfo('nitd-2025.9')).toEqual({ version: 'nitd-2025.9', known: false, overrides: [] });
  });
});
