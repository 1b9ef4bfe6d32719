// Reads the retention settings from the environment and refuses anything that breaks the notice:
// each duration may be shorter than the notice's limit, never longer, and the safety margin must be
// a span of days or hours. Every refusal names the variable.
import { parse } from 'iso8601-duration';
import { durationNotLonger, isIsoDuration } from './duration';
import { isLegalDuty, LEGAL_DUTIES } from './legalDuties';
import {
  DEFAULT_DURATIONS,
  DEFAULT_SAFETY_MARGIN,
  NOTICE_MAXIMA,
  policyVersion,
  type PolicySnapshot,
  type RetentionDurations,
} from './retention';

export class PolicyError extends Error {}

const VARIABLES: Record<keyof RetentionDurations, string> = {
  userQuarantine: 'RETENTION_USER_QUARANTINE',
  crmAnonymise: 'RETENTION_CRM_ANONYMISE',
  erpMax: 'RETENTION_ERP_MAX',
  contact: 'RETENTION_CONTACT',
  supportCase: 'RETENTION_SUPPORT_CASE',
  prospect: 'RETENTION_PROSPECT',
};

const LIMIT_WORDS: Record<keyof RetentionDurations, string> = {
  userQuarantine: "the notice's 30 days of quarantine (P30D)",
  crmAnonymise: "the notice's «innen 3 år» (P3Y)",
  erpMax: "the notice's 5-year maximum (P5Y)",
  contact: "the notice's «innen 3 år» (P3Y), counted from the contact's departure",
  supportCase: "the notice's «innen 3 år» (P3Y), the longest anything may outlive its purpose",
  prospect: "the notice's 5-year maximum for CRM data (P5Y, «etter 5 år»)",
};

// A duration is "not longer" only if it is not longer from every month start of a leap cycle:
// "P1827D" fits in 2024-2029 but not in 2025-2030, "P31D" is a month in January but not in April.
const CHECK_STARTS = Array.from({ length: 48 }, (_, i) => new Date(Date.UTC(2024, i, 1)));
const notLonger = (a: string, b: string) => CHECK_STARTS.every((from) => durationNotLonger(a, b, from));

export function policyFromEnv(env: Record<string, string | undefined>): PolicySnapshot {
  const durations: Required<RetentionDurations> = {
    userQuarantine: env.RETENTION_USER_QUARANTINE || DEFAULT_DURATIONS.userQuarantine,
    crmAnonymise: env.RETENTION_CRM_ANONYMISE || DEFAULT_DURATIONS.crmAnonymise,
    erpMax: env.RETENTION_ERP_MAX || DEFAULT_DURATIONS.erpMax,
    contact: env.RETENTION_CONTACT || DEFAULT_DURATIONS.contact,
    supportCase: env.RETENTION_SUPPORT_CASE || DEFAULT_DURATIONS.supportCase,
    prospect: env.RETENTION_PROSPECT || DEFAULT_DURATIONS.prospect,
  };
  const safetyMargin = env.RETENTION_SAFETY_MARGIN || DEFAULT_SAFETY_MARGIN;
  for (const key of Object.keys(VARIABLES) as (keyof RetentionDurations)[]) {
    const value = durations[key];
    if (!isIsoDuration(value)) {
      throw new PolicyError(`${VARIABLES[key]} must be an ISO-8601 duration such as P30D, got "${value}"`);
    }
    if (!notLonger(value, NOTICE_MAXIMA[key])) {
      throw new PolicyError(`${VARIABLES[key]}=${value} exceeds ${LIMIT_WORDS[key]}; shorter is allowed, longer never`);
    }
  }
  if (!notLonger(durations.crmAnonymise, durations.erpMax)) {
    throw new PolicyError(`RETENTION_CRM_ANONYMISE=${durations.crmAnonymise} exceeds RETENTION_ERP_MAX=${durations.erpMax}`);
  }
  // Days and hours only: a margin in months would shift with the calendar it is taken from.
  if (!isIsoDuration(safetyMargin) || hasCalendarUnits(safetyMargin) || !notLonger(safetyMargin, 'P30D')) {
    throw new PolicyError(`RETENTION_SAFETY_MARGIN must be an ISO-8601 duration of days or hours, at most P30D, got "${safetyMargin}"`);
  }
  const erpLegalDuty = env.RETENTION_ERP_LEGAL_DUTY || undefined;
  if (erpLegalDuty !== undefined && !isLegalDuty(erpLegalDuty)) {
    throw new PolicyError(
      `RETENTION_ERP_LEGAL_DUTY must name a legal duty the policy knows (${Object.keys(LEGAL_DUTIES).join(', ')}), got "${erpLegalDuty}"`,
    );
  }
  return {
    ...durations,
    safetyMargin,
    ...(erpLegalDuty ? { erpLegalDuty } : {}),
    version: policyVersion(durations, safetyMargin, erpLegalDuty),
  };
}

function hasCalendarUnits(iso: string): boolean {
  const d = parse(iso);
  return !!(d.years || d.months);
}
