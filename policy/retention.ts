// Retention policy as code: every rule of the privacy notice, what it applies to, how long, what
// happens, and the sentence it implements. Durations come from the environment (policy/fromEnv.ts)
// so a demo can run quarantine in seconds; the version recorded with each workflow says which were
// in force.
import { NOTICE, type NoticeClause } from './notice';

/**
 * nitd-2026.2: the notice quoted verbatim; a step whose rule is a maximum is scheduled a safety
 * margin before it. nitd-2026.1 workflows keep their dates (their snapshots carry no margin).
 */
export const POLICY_BASE_VERSION = 'nitd-2026.2';

export type RuleId =
  | 'user.retain-while-active'
  | 'user.deactivate-on-termination'
  | 'user.quarantine-purge'
  | 'user.erasure'
  | 'user.post-purge-verification'
  | 'support.minimise'
  | 'support.retention'
  | 'support.erasure'
  | 'prospect.anonymise'
  | 'prospect.erasure'
  | 'prospect.conversion'
  | 'crm.anonymise'
  | 'crm.erasure'
  | 'erp.cap'
  | 'contact.anonymise'
  | 'contact.erasure'
  | 'crm.ageing'
  | 'erp.ageing'
  | 'residency.eea'
  | 'processors.no-marketing'
  | 'evidence.proof'
  | 'temporal.retention'
  | 'logs.retention'
  | 'backups.re-purge'
  | 'conformance.daily-scan';

export type RuleAction = 'retain' | 'deactivate' | 'delete' | 'verify' | 'anonymise' | 'minimise' | 'restrict' | 'attest';

/**
 * `exact`: the step runs when the duration ends (the 30-day quarantine is also the restore window).
 * `maximum`: the notice sets a limit («innen 3 år», «etter 5 år»); the step is aimed a safety margin
 * before it, so an outage or a slow wake-up cannot carry data past it.
 */
export type DeadlineKind = 'exact' | 'maximum';

export interface RetentionRule {
  id: RuleId;
  appliesTo: string;
  action: RuleAction;
  /** ISO-8601 duration after the trigger; absent where the rule has no clock. */
  duration?: string;
  deadline?: DeadlineKind;
  trigger: string;
  clause: NoticeClause;
  notice: string;
}

export interface RetentionDurations {
  userQuarantine: string;
  crmAnonymise: string;
  erpMax: string;
  /**
   * A departed contact person's CRM data (RETENTION_CONTACT). Optional because snapshots written
   * before the contact kind existed lack it; the contact rules read it through contactRetention().
   */
  contact?: string;
  /**
   * How long an outside requester's details stay on a closed support case. Optional: snapshots
   * carried by lifecycles started before support cases had a lifecycle have none (and need none).
   */
  supportCase?: string;
  /**
   * How long a prospect's CRM data stays after the last contact. Optional: snapshots carried by
   * lifecycles started before prospects had a lifecycle have none (and need none).
   */
  prospect?: string;
}

/**
 * The notice's limits: 30 days of quarantine, CRM/ERP anonymised «innen 3 år», and «etter 5 år»
 * at the latest. Configuration may shorten them, never extend them (policy/fromEnv.ts refuses).
 */
export const NOTICE_MAXIMA: Required<RetentionDurations> = {
  userQuarantine: 'P30D',
  crmAnonymise: 'P3Y',
  erpMax: 'P5Y',
  contact: 'P3Y',
  supportCase: 'P3Y',
  prospect: 'P5Y',
};

/** The contact duration a snapshot carries, or the notice's limit for one from before it existed. */
export function contactRetention(d: Pick<RetentionDurations, 'contact'>): string {
  return d.contact ?? NOTICE_MAXIMA.contact;
}

/**
 * The notice's absolute maximum for personal data in CRM and ERP after a relationship ends. The
 * customer workflow clamps its dates to this constant as well, so not even a bad snapshot can
 * carry data past it.
 */
export const NOTICE_CAP = NOTICE_MAXIMA.erpMax;

/**
 * The notice's maxima, except for support cases: an outside requester has no relationship for «innen
 * 3 år» to count from, only a case, and a closed case needs its requester for follow-up (the same
 * fault again, a complaint) for about a year. P1Y is our choice under «… nødvendig og hensiktsmessig
 * for å behandle saken.»; the 3 years are the longest the notice lets anything outlive an ended
 * relationship, so no setting may pass them.
 */
export const DEFAULT_DURATIONS = { ...NOTICE_MAXIMA, supportCase: 'P1Y' } satisfies Required<RetentionDurations>;

/** How long before a maximum-type deadline its step is scheduled (RETENTION_SAFETY_MARGIN). */
export const DEFAULT_SAFETY_MARGIN = 'P1D';

/** What a workflow carries: the durations in force and the version naming them. */
export interface PolicySnapshot extends RetentionDurations {
  version: string;
  /** Absent in snapshots from before safety margins (nitd-2026.1): those steps keep their dates. */
  safetyMargin?: string;
  /**
   * A named legal duty (policy/legalDuties.ts) that keeps invoice identity in ERP until
   * `erpMax` instead of anonymising it with the CRM data; absent (the default) means with the CRM.
   */
  erpLegalDuty?: string;
}

export function buildRules(d: RetentionDurations): RetentionRule[] {
  return [
    {
      id: 'user.retain-while-active',
      appliesTo: 'UserAccount, LoginFactor',
      action: 'retain',
      trigger: 'user is active',
      clause: 'retainWhileActive',
      notice: NOTICE.retainWhileActive,
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
      deadline: 'exact',
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
      clause: 'necessity',
      notice: NOTICE.necessity,
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
      trigger:
        "case intake (the intake filter), and the purge or anonymisation of the requester (a user's purge, a contact person's anonymisation)",
      clause: 'supportCases',
      notice: NOTICE.supportCases,
    },
    // An outside requester (no user account, contact or customer behind them) is ended by the case's
    // own lifecycle: closure + RETENTION_SUPPORT_CASE (default P1Y), aimed a safety margin before
    // the 3 years at most. The case's technical content stays; its people go.
    {
      id: 'support.retention',
      appliesTo: 'SupportCase (outside requesters: name, e-mail, phone, personal data in subject and description)',
      action: 'anonymise',
      duration: d.supportCase ?? DEFAULT_DURATIONS.supportCase,
      deadline: 'maximum',
      trigger: 'support case closed',
      clause: 'supportCases',
      notice: NOTICE.supportCases,
    },
    {
      id: 'support.erasure',
      appliesTo: 'SupportCase (outside requesters)',
      action: 'anonymise',
      duration: 'PT0S',
      trigger: 'erasure request (GDPR art. 17)',
      clause: 'necessity',
      notice: NOTICE.necessity,
    },
    // A prospect («potensielle kunder») has no relationship for «innen 3 år» to count from: the
    // notice's only rule that reaches its data is the 5 years of CRM and ERP. They count from the
    // last contact (each contact restarts them), aimed a safety margin before the 5 years.
    {
      id: 'prospect.anonymise',
      appliesTo: 'Prospect (name, e-mail, phone, address)',
      action: 'anonymise',
      duration: d.prospect ?? DEFAULT_DURATIONS.prospect,
      deadline: 'maximum',
      trigger: 'the last contact with the prospect (its registration before any contact)',
      clause: 'crmErpMax',
      notice: NOTICE.crmErpMax,
    },
    {
      id: 'prospect.erasure',
      appliesTo: 'Prospect',
      action: 'anonymise',
      duration: 'PT0S',
      trigger: 'erasure request (GDPR art. 17)',
      clause: 'necessity',
      notice: NOTICE.necessity,
    },
    // A prospect that becomes a customer: its details move into the customer's row (where that is
    // empty) and the prospect's own row is anonymised; from then on the customer's lifecycle
    // (crm.anonymise, erp.cap) holds them, as for anyone with a relationship.
    {
      id: 'prospect.conversion',
      appliesTo: 'Prospect (handed over to Customer)',
      action: 'anonymise',
      duration: 'PT0S',
      trigger: 'the prospect becomes a customer',
      clause: 'crmErpStore',
      notice: NOTICE.crmErpStore,
    },
    // The moment picked inside «innen 3 år»: the end of the window (end of relationship + 3
    // calendar years, UTC) less the safety margin. It keeps the data for follow-up (claims, a
    // returning customer) about as long as the notice allows while never passing it; an erasure
    // request (art. 17) brings it forward to the request. A shorter setting is allowed.
    {
      id: 'crm.anonymise',
      appliesTo: 'Customer, ContactPerson, CrmActivity, and ErpInvoice unless a legal duty keeps it',
      action: 'anonymise',
      duration: d.crmAnonymise,
      deadline: 'maximum',
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
      clause: 'necessity',
      notice: NOTICE.necessity,
    },
    // ERP personal data goes with the CRM step (crm.anonymise) unless a named legal duty keeps it
    // (RETENTION_ERP_LEGAL_DUTY, policy/legalDuties.ts): then here, at RETENTION_ERP_MAX, never later.
    {
      id: 'erp.cap',
      appliesTo: 'ErpInvoice, under a configured legal duty only; everything in CRM and ERP at the latest',
      action: 'anonymise',
      duration: d.erpMax,
      deadline: 'maximum',
      trigger: 'customer relationship ended',
      clause: 'crmErpMax',
      notice: NOTICE.crmErpMax,
    },
    // A contact person who leaves a customer that stays active: the purpose the notice gives for
    // their data («et profesjonelt og effektivt kommunikasjonsgrunnlag mellom oss og kunden») ends
    // with the departure, and for that person this is the end of the relationship «innen 3 år» is
    // counted from. Default: the end of that window (less the safety margin), as for a customer's
    // CRM data, since activities with the contact serve the same follow-up (claims, disputes about
    // what was agreed); shorter is allowed. The customer's own end still covers every contact
    // (crm.anonymise), whichever comes first.
    {
      id: 'contact.anonymise',
      appliesTo: 'ContactPerson, CrmActivity (with the contact), SupportCase (raised by the contact)',
      action: 'anonymise',
      duration: contactRetention(d),
      deadline: 'maximum',
      trigger: 'contact person left a customer that stays active',
      clause: 'crmErp',
      notice: NOTICE.crmErp,
    },
    {
      id: 'contact.erasure',
      appliesTo: 'ContactPerson, CrmActivity (with the contact), SupportCase (raised by the contact)',
      action: 'anonymise',
      duration: 'PT0S',
      trigger: 'erasure request (GDPR art. 17)',
      clause: 'necessity',
      notice: NOTICE.necessity,
    },
    // The same 5 years while a relationship lasts: each record ages from its own date, active
    // customer or not, and the daily sweep (jobs/ageing) anonymises it. A maximum like erp.cap:
    // aimed the safety margin before the 5 years (policy/ageing.ts).
    {
      id: 'crm.ageing',
      appliesTo: "CrmActivity (by occurredAt), ContactPerson (by lastTouchedAt): every customer's and prospect's",
      action: 'anonymise',
      duration: d.erpMax,
      deadline: 'maximum',
      trigger: "the record's own date (an activity, a contact's last touch), whether the relationship is active or not",
      clause: 'crmErpMax',
      notice: NOTICE.crmErpMax,
    },
    {
      id: 'erp.ageing',
      appliesTo: 'ErpInvoice (by issuedAt)',
      action: 'anonymise',
      duration: d.erpMax,
      deadline: 'maximum',
      trigger: 'the invoice issued, whether the relationship is active or not',
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
    {
      id: 'evidence.proof',
      appliesTo: 'Evidence, AdminAction, tombstones (opaque IDs, rules, counts, hashes)',
      action: 'retain',
      trigger: 'every purge, anonymisation and admin action',
      clause: 'necessity',
      notice: NOTICE.necessity,
    },
    {
      id: 'temporal.retention',
      appliesTo: "Temporal's histories and search attributes of closed lifecycles",
      action: 'delete',
      duration: 'TEMPORAL_RETENTION',
      trigger: 'lifecycle closed',
      clause: 'necessity',
      notice: NOTICE.necessity,
    },
    {
      id: 'logs.retention',
      appliesTo: 'API and worker logs (opaque IDs only)',
      action: 'delete',
      duration: 'P30D',
      deadline: 'maximum',
      trigger: 'log line written',
      clause: 'necessity',
      notice: NOTICE.necessity,
    },
    {
      id: 'backups.re-purge',
      appliesTo: 'a database restored from a backup taken before some purges',
      action: 'delete',
      duration: 'PT0S',
      trigger: 'restore',
      clause: 'termination',
      notice: NOTICE.termination,
    },
    {
      id: 'conformance.daily-scan',
      appliesTo: 'every classified personal column and every store',
      action: 'attest',
      duration: 'P1D',
      trigger: 'daily',
      clause: 'necessity',
      notice: NOTICE.necessity,
    },
    {
      id: 'processors.no-marketing',
      appliesTo: 'every processor receiving personal data',
      action: 'restrict',
      trigger: 'always',
      clause: 'noMarketing',
      notice: NOTICE.noMarketing,
    },
  ];
}

/** The base version, plus every override spelled out, so the record is self-explaining. */
export function policyVersion(d: RetentionDurations, safetyMargin = DEFAULT_SAFETY_MARGIN, erpLegalDuty?: string): string {
  const overrides = (Object.keys(DEFAULT_DURATIONS) as (keyof RetentionDurations)[])
    .filter((k) => d[k] !== undefined && d[k] !== DEFAULT_DURATIONS[k])
    .map((k) => `${k}=${d[k]}`);
  if (safetyMargin !== DEFAULT_SAFETY_MARGIN) overrides.push(`safetyMargin=${safetyMargin}`);
  if (erpLegalDuty) overrides.push(`erpLegalDuty=${erpLegalDuty}`);
  return overrides.length ? `${POLICY_BASE_VERSION}+${overrides.join(',')}` : POLICY_BASE_VERSION;
}
