// Start-up refuses any retention longer than the notice allows, naming the variable; shorter is
// fine. The safety margin is days or hours. The version spells every override out.
import { describe, expect, it } from 'vitest';
import { policyFromEnv, PolicyError } from '../../policy/fromEnv';
import { POLICY_BASE_VERSION } from '../../policy/retention';

const refused = (env: Record<string, string>, variable: string) => {
  expect(() => policyFromEnv(env)).toThrow(PolicyError);
  expect(() => policyFromEnv(env)).toThrow(new RegExp(`^${variable}`));
};

describe("the notice's limits at start-up", () => {
  it.each(['P31D', 'P10Y', 'P1M', 'P4W3D', 'PT721H'])('RETENTION_USER_QUARANTINE=%s is refused (longer than 30 days somewhere)', (v) => {
    refused({ RETENTION_USER_QUARANTINE: v }, 'RETENTION_USER_QUARANTINE');
  });

  it.each(['P30D', 'PT720H', 'P4W2D', 'PT20S'])('RETENTION_USER_QUARANTINE=%s is allowed', (v) => {
    expect(policyFromEnv({ RETENTION_USER_QUARANTINE: v }).userQuarantine).toBe(v);
  });

  it.each(['P5Y', 'P3Y1D', 'P37M', 'P1097D'])('RETENTION_CRM_ANONYMISE=%s is refused (past «innen 3 år»)', (v) => {
    refused({ RETENTION_CRM_ANONYMISE: v }, 'RETENTION_CRM_ANONYMISE');
  });

  it.each(['P3Y', 'P36M', 'P1095D', 'P2Y'])('RETENTION_CRM_ANONYMISE=%s is allowed', (v) => {
    expect(policyFromEnv({ RETENTION_CRM_ANONYMISE: v }).crmAnonymise).toBe(v);
  });

  it.each(['P5Y', 'P3Y1D', 'P37M', 'P1097D', 'x'])('RETENTION_CONTACT=%s is refused (past «innen 3 år», or not a duration)', (v) => {
    refused({ RETENTION_CONTACT: v }, 'RETENTION_CONTACT');
  });

  it.each(['P3Y', 'P1Y', 'P6M', 'PT6S'])('RETENTION_CONTACT=%s is allowed, and named in the version unless the default', (v) => {
    const policy = policyFromEnv({ RETENTION_CONTACT: v });
    expect(policy.contact).toBe(v);
    expect(policy.version).toBe(v === 'P3Y' ? POLICY_BASE_VERSION : `${POLICY_BASE_VERSION}+contact=${v}`);
  });

  it.each(['P4Y', 'P3Y1D', 'P37M', 'x'])('RETENTION_SUPPORT_CASE=%s is refused (past «innen 3 år»)', (v) => {
    refused({ RETENTION_SUPPORT_CASE: v }, 'RETENTION_SUPPORT_CASE');
  });

  it.each(['P3Y', 'P1Y', 'PT5S'])('RETENTION_SUPPORT_CASE=%s is allowed; the default is P1Y', (v) => {
    expect(policyFromEnv({ RETENTION_SUPPORT_CASE: v }).supportCase).toBe(v);
    expect(policyFromEnv({}).supportCase).toBe('P1Y');
    expect(policyFromEnv({ RETENTION_SUPPORT_CASE: 'PT5S' }).version).toBe(`${POLICY_BASE_VERSION}+supportCase=PT5S`);
  });

  it.each(['P6Y', 'P5Y1D', 'P61M', 'P1827D', 'x'])('RETENTION_PROSPECT=%s is refused (past «etter 5 år»)', (v) => {
    refused({ RETENTION_PROSPECT: v }, 'RETENTION_PROSPECT');
  });

  it.each(['P5Y', 'P60M', 'P2Y', 'PT5S'])('RETENTION_PROSPECT=%s is allowed; the default is P5Y', (v) => {
    expect(policyFromEnv({ RETENTION_PROSPECT: v }).prospect).toBe(v);
    expect(policyFromEnv({}).prospect).toBe('P5Y');
    expect(policyFromEnv({ RETENTION_PROSPECT: 'PT5S' }).version).toBe(`${POLICY_BASE_VERSION}+prospect=PT5S`);
  });

  it.each(['P1M', 'P1Y', 'P31D', 'x', 'P'])('RETENTION_SAFETY_MARGIN=%s is refused', (v) => {
    refused({ RETENTION_SAFETY_MARGIN: v }, 'RETENTION_SAFETY_MARGIN');
  });

  it('takes a margin of days or hours, one day by default, and names any override in the version', () => {
    expect(policyFromEnv({})).toMatchObject({ safetyMargin: 'P1D', version: POLICY_BASE_VERSION });
    expect(policyFromEnv({ RETENTION_SAFETY_MARGIN: 'PT6H' })).toMatchObject({
      safetyMargin: 'PT6H',
      version: `${POLICY_BASE_VERSION}+safetyMargin=PT6H`,
    });
    expect(policyFromEnv({ RETENTION_USER_QUARANTINE: 'PT20S' }).version).toBe(`${POLICY_BASE_VERSION}+userQuarantine=PT20S`);
  });

  it('keeps ERP with the CRM unless a named legal duty is configured, which the version names', () => {
    expect(policyFromEnv({}).erpLegalDuty).toBeUndefined();
    expect(policyFromEnv({ RETENTION_ERP_LEGAL_DUTY: 'bokforingsloven' })).toMatchObject({
      erpLegalDuty: 'bokforingsloven',
      version: `${POLICY_BASE_VERSION}+erpLegalDuty=bokforingsloven`,
    });
    refused({ RETENTION_ERP_LEGAL_DUTY: 'skatteloven' }, 'RETENTION_ERP_LEGAL_DUTY');
  });
});
