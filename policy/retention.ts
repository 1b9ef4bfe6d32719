// Retention policy as code: every rule of the privacy notice, what it applies to, how long,
// what happens, and the sentence it implements. Durations come from the environment so a demo
// can run quarantine in seconds; the version recorded with each workflow says which were in force.
import { isIsoDuration, durationNotLonger } from './duration';
import { NOTICE, type NoticeClause } from './notice';

export const POLICY_BASE_VERSION = 'nitd-2026.1';

export type RuleId =
  | 'user.retain-while-active'
  | 'user.deactivate-on-termination'
  | 'user.quarantine-purge'
  | 'user.erasure'
  | 'user.post-purge-verification'
  | 'support.minimise'
  | 'crm.anonymise'
  | 'crm.erasure'
  | 'erp.cap'
  | 'residency.eea';

export type RuleAction = 'retain' | 'deactivate' | 'delete' | 'verify' | 'anonymise' | 'minimise' | 'restrict';

export interface RetentionRule {
  id: RuleId;
  appliesTo: string;
  action: RuleAction;
  /** ISO-8601 duration after the trigger; absent where the rule has no clock. */
  duration?: string;
  trigger: string;
  clause: NoticeClause;
  notice: string;
}

export interface RetentionDurations {
  userQuarantine: string;
  crmAnonymise: string;
  erpMax: string;
}

/**
 * The notice's absolute maximum for personal data in CRM and ERP after a relationship ends
 * («etter maksimalt 5 år»). Start-up refuses a longer RETENTION_ERP_MAX, and the customer workflow
 * clamps its dates to this constant as well, so not even a bad snapshot can carry data past it.
 */
export const NOTICE_CAP = 'P5Y';

export const DEFAULT_DURATIONS: RetentionDurations = {
  userQuarantine: 'P30D',
  crmAnonymise: 'P3Y',
  erpMax: 'P5Y',
};

/** What a workflow carries: the durations in force and the version naming them. */
export interface PolicySnapshot extends RetentionDurations {
  version: string;
}

export function buildRules(d: RetentionDurations): RetentionRule[] {
  return [
    {
      id: 'user.retain-while-active',
      appliesTo: 'UserAccount, LoginFactor',
      action: 'retain',
      trigger: 'user is active',
      clause: 'userData',
      notice: NOTICE.userData,
    },
    {
      id: 'user.deactivate-on-termination',
      appliesTo: 'UserAccount, LoginFactor',
      action: 'deactivate',
      duration: 'PT0S',
      trigger: 'user or customer terminated',
      clause: 'termination',
      notice: NOTICE.termination,
    },
    {
      id: 'user.quarantine-purge',
      appliesTo: 'UserAccount, LoginFactor, SupportCase (requester)',
      action: 'delete',
      duration: d.userQuarantine,
      trigger: 'termination time given by the caller',
      clause: 'termination',
      notice: NOTICE.termination,
    },
    {
      id: 'user.erasure',
      appliesTo: "every table holding the user's personal data",
      action: 'delete',
      duration: 'PT0S',
      trigger: 'erasure request (GDPR art. 17)',
      clause: 'erasure',
      notice: NOTICE.erasure,
    },
    {
      id: 'user.post-purge-verification',
      appliesTo: 'UserAccount, LoginFactor, SupportCase (the purged cases)',
      action: 'verify',
      duration: 'PT0S',
      trigger: 'user purge',
      clause: 'termination',
      notice: NOTICE.termination,
    },
    {
      id: 'support.minimise',
      appliesTo: 'SupportCase',
      action: 'minimise',
      trigger: 'user purge',
      clause: 'supportCases',
      notice: NOTICE.supportCases,
    },
    // The moment picked inside «innen 3 år»: the very END of the window (end of relationship + 3
    // calendar years, UTC). It keeps the data for follow-up (claims, a returning customer) as long
    // as the notice allows while never passing it; the customer workflow fires exactly then, and an
    // erasure request (art. 17) brings it forward to the request. A shorter setting is allowed.
    {
      id: 'crm.anonymise',
      appliesTo: 'Customer, ContactPerson, CrmActivity',
      action: 'anonymise',
      duration: d.crmAnonymise,
      trigger: 'customer relationship ended',
      clause: 'crmErp',
      notice: NOTICE.crmErp,
    },
    {
      id: 'crm.erasure',
      appliesTo: 'Customer, ContactPerson, CrmActivity',
      action: 'anonymise',
      duration: 'PT0S',
      trigger: 'erasure request (GDPR art. 17)',
      clause: 'erasure',
      notice: NOTICE.erasure,
    },
    {
      id: 'erp.cap',
      appliesTo: 'ErpInvoice',
      action: 'anonymise',
      duration: d.erpMax,
      trigger: 'customer relationship ended',
      clause: 'crmErpMax',
      notice: NOTICE.crmErpMax,
    },
    {
      id: 'residency.eea',
      appliesTo: 'every store and processor',
      action: 'restrict',
      trigger: 'always',
      clause: 'residency',
      notice: NOTICE.residency,
    },
  ];
}

export class PolicyError extends Error {}

const CAP_CHECK_STARTS = Array.from({ length: 48 }, (_, i) => new Date(Date.UTC(2024, i, 1)));

/** Reads the durations from the environment, refusing anything that breaks the notice. */
export function policyFromEnv(env: Record<string, string | undefined>): PolicySnapshot {
  const durations: RetentionDurations = {
    userQuarantine: env.RETENTION_USER_QUARANTINE || DEFAULT_DURATIONS.userQuarantine,
    crmAnonymise: env.RETENTION_CRM_ANONYMISE || DEFAULT_DURATIONS.crmAnonymise,
    erpMax: env.RETENTION_ERP_MAX || DEFAULT_DURATIONS.erpMax,
  };
  const names: Record<keyof RetentionDurations, string> = {
    userQuarantine: 'RETENTION_USER_QUARANTINE',
    crmAnonymise: 'RETENTION_CRM_ANONYMISE',
    erpMax: 'RETENTION_ERP_MAX',
  };
  for (const key of Object.keys(names) as (keyof RetentionDurations)[]) {
    if (!isIsoDuration(durations[key])) {
      throw new PolicyError(`${names[key]} must be an ISO-8601 duration such as P30D, got "${durations[key]}"`);
    }
  }
  // The notice's 5-year maximum is absolute: configuration may shorten it, never extend it. Judged
  // from every month start of a leap cycle, since "P1827D" fits in 2024-2029 but not in 2025-2030.
  const notLonger = (a: string, b: string) => CAP_CHECK_STARTS.every((from) => durationNotLonger(a, b, from));
  if (!notLonger(durations.erpMax, NOTICE_CAP)) {
    throw new PolicyError(`RETENTION_ERP_MAX=${durations.erpMax} exceeds the notice's 5-year maximum (P5Y)`);
  }
  if (!notLonger(durations.crmAnonymise, durations.erpMax)) {
    throw new PolicyError(`RETENTION_CRM_ANONYMISE=${durations.crmAnonymise} exceeds RETENTION_ERP_MAX=${durations.erpMax}`);
  }
  return { ...durations, version: policyVersion(durations) };
}

/** The base version, plus every override spelled out, so the record is self-explaining. */
export function policyVersion(d: RetentionDurations): string {
  const overrides = (Object.keys(DEFAULT_DURATIONS) as (keyof RetentionDurations)[])
    .filter((k) => d[k] !== DEFAULT_DURATIONS[k])
    .map((k) => `${k}=${d[k]}`);
  return overrides.length ? `${POLICY_BASE_VERSION}+${overrides.join(',')}` : POLICY_BASE_VERSION;
}
