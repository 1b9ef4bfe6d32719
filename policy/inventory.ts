// The data inventory: every column of every table (prisma/schema.prisma) and every other store the
// pipeline writes to, classified — personal, a pseudonymous identifier, or not personal — with the
// rule that ends it, what that rule does, the notice's sentence it rests on, and the deadline. A
// record of processing in the spirit of GDPR art. 30. tests/unit/inventory.test.ts fails when a
// column has no entry, so adding a column forces a decision. Served at GET /api/audit/inventory.
import { NOTICE, type NoticeClause } from './notice';
import type { RuleId } from './retention';

/** personal: identifies a person by itself; pseudonymous: an opaque ID that points at one; not-personal: neither. */
export type DataCategory = 'personal' | 'pseudonymous' | 'not-personal';
/** What the rule does to the value when its deadline comes. */
export type EndAction = 'delete' | 'anonymise' | 'keep';

export interface Classification {
  category: DataCategory;
  /** Whose data it is (personal and pseudonymous only). */
  subject?: 'user' | 'customer' | 'prospect' | 'contact person' | 'requester' | 'staff';
  action: EndAction;
  /** The rule that ends it, or keeps it (evidence.proof); null only for what is not personal. */
  rule: RuleId | null;
  /** Rules that end it too, whichever comes first (the ageing of a record by its own date). */
  alsoRules?: RuleId[];
  /** Why it is kept, or how it goes. */
  basis: string;
  clause: NoticeClause;
  deadline: string;
}

export interface InventoryEntry extends Classification {
  store: 'postgres' | 'temporal' | 'logs' | 'backups' | 'metrics' | 'erasure-journal';
  /** The table (Prisma model) in Postgres, or the part of the store. */
  table: string;
  /** The column, for Postgres; absent for a store as a whole. */
  column?: string;
  notice: string;
}

const QUARANTINE = 'termination + 30 days (RETENTION_USER_QUARANTINE), at once on erasure';
const CRM = 'end of relationship + 3 years less the safety margin, at once on erasure';
const AGED = "; or the record's own date + 5 years less the margin, if that comes first";
const ERP =
  'with the CRM step, unless a legal duty (RETENTION_ERP_LEGAL_DUTY) keeps it to end + RETENTION_ERP_MAX, at most 5 years (rule erp.cap)';
const CONTACT =
  "the contact's departure + RETENTION_CONTACT (3 years) less the safety margin, or the customer's CRM step, whichever comes first; at once on erasure";

const keep = (basis: string): Classification => ({
  category: 'not-personal',
  action: 'keep',
  rule: null,
  basis,
  clause: 'necessity',
  deadline: 'kept',
});
/** An opaque ID kept as proof: the tombstone, the ledger and the console's history need it. */
const proofId = (subject: Classification['subject'], basis: string): Classification => ({
  category: 'pseudonymous',
  subject,
  action: 'keep',
  rule: 'evidence.proof',
  basis,
  clause: 'necessity',
  deadline: 'kept with the evidence',
});
const userData = (basis: string, action: EndAction = 'delete', clause: NoticeClause = 'termination'): Classification => ({
  category: 'personal',
  subject: 'user',
  action,
  rule: 'user.quarantine-purge',
  basis,
  clause,
  deadline: QUARANTINE,
});
const crmData = (subject: Classification['subject'], basis: string, clause: NoticeClause = 'crmErp'): Classification => ({
  category: 'personal',
  subject,
  action: 'anonymise',
  rule: 'crm.anonymise',
  basis,
  clause,
  deadline: CRM,
});
const invoiceData = (basis: string): Classification => ({
  ...crmData('customer', basis),
  alsoRules: ['erp.cap', 'erp.ageing'],
  deadline: `${ERP}${AGED} (erp.ageing)`,
});

/**
 * A contact person's data: their own lifecycle (from departure), the customer's CRM step, or the
 * ageing of the record's own date ends it, whichever comes first.
 */
const contactData = (basis: string, clause: NoticeClause = 'contactPersons', action: EndAction = 'anonymise'): Classification => ({
  category: 'personal',
  subject: 'contact person',
  action,
  rule: 'contact.anonymise',
  alsoRules: ['crm.anonymise', 'crm.ageing'],
  basis,
  clause,
  deadline: `${CONTACT}${AGED} (crm.ageing)`,
});

const CASE_TEXT =
  "free text: identity numbers, accounts, cards and passwords are removed at intake; the requester's identifiers at the end of the requester's subject";
/**
 * A requester's details on a case end with the requester's subject: a user's purge, the customer's
 * CRM anonymisation (contacts and private customers), or, for an outside requester, the case's own
 * lifecycle (support.retention). The deadline names all three.
 */
const requester = (basis: string, action: EndAction = 'delete'): Classification => ({
  category: 'personal',
  subject: 'requester',
  action,
  rule: 'support.retention',
  basis,
  clause: 'supportCases',
  deadline: `a user's: ${QUARANTINE}; a contact's or customer's: ${CRM}; an outside requester's: closure + RETENTION_SUPPORT_CASE (P1Y, at most 3 years less the safety margin), at once on erasure`,
});

const PROSPECT_DEADLINE =
  'last contact (creation before any) + RETENTION_PROSPECT (P5Y, at most 5 years less the safety margin), at once on erasure; moved to the customer on conversion';
/** A prospect's CRM data: its own lifecycle anonymises it 5 years after the last contact. */
const prospectData = (basis: string, clause: NoticeClause = 'prospects'): Classification => ({
  category: 'personal',
  subject: 'prospect',
  action: 'anonymise',
  rule: 'prospect.anonymise',
  basis,
  clause,
  deadline: PROSPECT_DEADLINE,
});

/** Every Postgres table, column by column. */
export const TABLES: Record<string, Record<string, Classification>> = {
  Customer: {
    id: proofId('customer', "the caller's opaque customer ID; kept so the ID is never reused and its evidence stays readable"),
    type: keep('business or private'),
    name: crmData('customer', "a private customer's name (a business's name is not personal data)", 'customerData'),
    email: crmData('customer', 'contact e-mail address', 'customerData'),
    phone: crmData('customer', 'contact phone number', 'customerData'),
    address: crmData('customer', "a private customer's address", 'privateAddress'),
    status: keep('where the relationship stands'),
    endedAt: keep('when the relationship ended: the deadlines count from it'),
    anonymisedAt: keep('when its CRM data was anonymised'),
    createdAt: keep('row bookkeeping'),
    updatedAt: keep('row bookkeeping'),
  },
  Prospect: {
    id: proofId('prospect', "the caller's opaque prospect ID; kept so the ID is never reused and its evidence stays readable"),
    type: keep('business or private'),
    name: prospectData("a private prospect's name, or a business's (not personal then, anonymised all the same)"),
    email: prospectData('contact e-mail address'),
    phone: prospectData('contact phone number'),
    address: prospectData("a private prospect's address", 'privateAddress'),
    lastContactAt: keep('when NITD was last in contact: prospect.anonymise counts from it'),
    convertedToCustomerId: proofId('customer', 'the customer the prospect became; its lifecycle holds the data since'),
    convertedAt: keep('when the prospect became a customer'),
    anonymisedAt: keep('when its CRM data was anonymised (or handed over on conversion)'),
    createdAt: keep('row bookkeeping; the clock before any contact'),
    updatedAt: keep('row bookkeeping'),
  },
  ContactPerson: {
    id: proofId('contact person', "the caller's opaque contact ID: names the contact's lifecycle and evidence"),
    customerId: proofId('customer', 'the customer the contact belongs to'),
    firstName: contactData("a customer's contact person"),
    lastName: contactData("a customer's contact person"),
    email: contactData("a customer's contact person"),
    phone: contactData("a customer's contact person"),
    role: keep('the function (e.g. IT contact), without the person'),
    departedAt: keep("when the contact left the customer: the contact's deadline counts from it"),
    departureReason: keep('a reason code from a fixed list: no free text'),
    anonymisedAt: keep('when it was anonymised'),
    createdAt: keep('row bookkeeping'),
    lastTouchedAt: keep('when the CRM last used the contact: crm.ageing counts from it'),
  },
  UserAccount: {
    id: proofId('user', "the caller's opaque user ID; the purged row stays as a tombstone so the ID is never reused"),
    customerId: userData('«kundetilknytning»: which customer the user belongs to', 'delete', 'userData'),
    username: userData('user name', 'delete', 'userData'),
    firstName: userData('first name', 'delete', 'userData'),
    lastName: userData('last name', 'delete', 'userData'),
    email: userData('e-mail address', 'delete', 'userData'),
    phone: userData('mobile number, also the login factor', 'delete', 'userData'),
    status: keep('active, deactivated or purged'),
    deactivatedAt: keep('when the account was deactivated'),
    purgedAt: keep('when its personal data was purged'),
    createdAt: keep('row bookkeeping'),
    updatedAt: keep('row bookkeeping'),
  },
  LoginFactor: {
    id: { ...userData('the SMS factor row; deleted whole at the purge'), category: 'not-personal', subject: undefined },
    userId: { ...userData('whose factor it is; the row is deleted'), category: 'pseudonymous' },
    kind: { ...userData('the factor type; the row is deleted'), category: 'not-personal', subject: undefined },
    phone: userData('the mobile number used to authenticate', 'delete', 'mobileAuthentication'),
    enabled: { ...userData('off while quarantined; the row is deleted'), category: 'not-personal', subject: undefined },
    createdAt: { ...userData('row bookkeeping; the row is deleted'), category: 'not-personal', subject: undefined },
  },
  SupportCase: {
    id: keep('case ID'),
    requesterKind: keep('who asked (user, contact, customer, external): which lifecycle ends the requester'),
    requesterId: {
      ...userData("the requesting user's ID, cleared at the purge", 'delete', 'supportCases'),
      category: 'pseudonymous',
      subject: 'requester',
    },
    customerId: proofId('customer', 'the customer the case concerns (kept: a case is business data of the customer)'),
    contactId: {
      ...contactData(
        'the requesting contact, cleared when the contact is anonymised (their own lifecycle) or at the CRM anonymisation',
        'supportCases',
        'delete',
      ),
      category: 'pseudonymous',
    },
    requesterName: requester("the requester's name"),
    requesterEmail: requester("the requester's e-mail address"),
    requesterPhone: requester("the requester's phone number"),
    subject: { ...requester(CASE_TEXT, 'anonymise'), rule: 'support.minimise' },
    description: { ...requester(CASE_TEXT, 'anonymise'), rule: 'support.minimise' },
    category: keep('the kind of case, for statistics'),
    status: keep('open or closed'),
    openedAt: keep('when it was opened'),
    closedAt: keep("when it was closed: an outside requester's retention counts from it"),
    requesterErasedAt: keep("when the requester's identity was erased"),
    intakeRedactions: keep('what the intake filter removed, by type and count: never a value'),
  },
  CrmActivity: {
    id: keep('row ID'),
    customerId: proofId('customer', 'the customer the activity belongs to'),
    kind: keep('call, meeting, offer…'),
    productLine: keep('business data'),
    amountNok: keep('business data'),
    occurredAt: keep('business data; crm.ageing counts from it'),
    contactId: {
      ...contactData('the contact the activity was with: an opaque ID of the contact row, which names no one once anonymised'),
      category: 'pseudonymous',
      action: 'keep',
      deadline: 'kept; the contact row it points at is anonymised',
    },
    contactName: contactData("the contact's name"),
    contactEmail: contactData("the contact's e-mail address"),
    notes: contactData("free text about people: goes with the activity's contact, or at the customer's CRM step", 'crmErpStore'),
    anonymisedAt: keep('when it was anonymised'),
  },
  ErpInvoice: {
    id: keep('row ID'),
    customerId: proofId('customer', 'the customer invoiced'),
    invoiceNumber: keep('bookkeeping'),
    amountNok: keep('bookkeeping'),
    issuedAt: keep('bookkeeping; erp.ageing counts from it'),
    billingName: invoiceData("a private customer's billing name"),
    billingAddress: invoiceData("a private customer's billing address"),
    billingEmail: invoiceData('billing e-mail address'),
    anonymisedAt: keep('when its billing identity was anonymised'),
  },
  Evidence: {
    id: keep('record ID'),
    seq: keep('position in the hash chain'),
    idempotencyKey: proofId(undefined, 'the step that wrote it: workflow ID (opaque subject ID) and run'),
    subjectKind: keep('user, customer, contact, supportCase or conformance'),
    subjectId: proofId(undefined, 'whose data was erased: the proof names the opaque ID, never the person'),
    action: keep('purge, anonymise, verify, attest'),
    rule: keep('the rule applied'),
    policyVersion: keep('the durations in force'),
    reason: keep('a reason code from a fixed list: no free text'),
    tables: keep('rows deleted or anonymised per table: counts only'),
    workflowId: proofId(undefined, 'the lifecycle that did it'),
    runId: keep('its run'),
    triggeredAt: keep('what the deadline counted from'),
    dueAt: keep('the deadline'),
    startedAt: keep('when the step began'),
    finishedAt: keep('when it committed'),
    detail: keep('what else it proves: verification checks by count, history digest'),
    prevHash: keep('hash chain'),
    hash: keep('hash chain'),
    keyId: keep('which ledger key sealed it (LEDGER_KEYS)'),
    mac: keep('the seal: HMAC of its place and hash under that key'),
  },
  LifecycleProjection: {
    workflowId: proofId(undefined, "the console's row per lifecycle"),
    kind: keep('user, customer, contact or supportCase'),
    subjectId: proofId(undefined, 'the subject, by opaque ID'),
    customerId: { ...userData("a user's customer link, cleared at the purge", 'delete', 'userData'), category: 'pseudonymous' },
    phase: keep('where the lifecycle stands'),
    status: keep('running, completed, cancelled, failed'),
    dueAt: keep('the next deadline'),
    onHold: keep('under a legal hold'),
    policyVersion: keep('the durations in force'),
    runId: keep('the current run'),
    version: keep('ordering of writes'),
    updatedAt: keep('row bookkeeping'),
  },
  ActionNote: {
    id: keep('note ID'),
    subjectKind: keep('user, customer, support case'),
    subjectId: {
      ...proofId(undefined, 'whose data the note goes with, by opaque ID'),
      rule: 'user.quarantine-purge',
      action: 'delete',
      deadline: 'deleted with the note',
    },
    workflowId: {
      ...proofId(undefined, 'the lifecycle acted on'),
      rule: 'user.quarantine-purge',
      action: 'delete',
      deadline: 'deleted with the note',
    },
    adminActionId: keep('the AdminAction row the note explains'),
    action: keep('hold, release, restore, erasure, cancel, repair, termination'),
    reasonCode: keep('the reason code, as in the ledger'),
    note: {
      category: 'personal',
      subject: 'user',
      action: 'delete',
      rule: 'user.quarantine-purge',
      alsoRules: ['user.erasure', 'crm.anonymise', 'crm.erasure', 'support.retention', 'support.erasure'],
      basis:
        "free text that may say more than the reason code (contact details are refused): deleted with its subject's data, by the user's purge, the customer's CRM step or the support case's erasure",
      clause: 'necessity',
      deadline: "with its subject's data",
    },
    createdAt: keep('when'),
  },
  AdminAction: {
    id: keep('record ID'),
    actorRole: keep('admin or auditor'),
    actorName: proofId(
      'staff',
      "the staff member whose token acted (API_TOKENS' name, a handle, never an e-mail): accountability for each action, GDPR art. 5(2)",
    ),
    requestId: keep('on an outcome row: the requested row it answers'),
    action: keep('hold, release, restore, erasure, cancel, reconcile, repair'),
    workflowId: proofId(undefined, 'the lifecycle acted on'),
    subjectKind: keep('user, customer, reconciliation'),
    subjectId: proofId(undefined, 'the subject acted on, by opaque ID'),
    reason: keep('a reason code from a fixed list: no free text'),
    outcome: keep('accepted, refused, failed'),
    detail: keep('why refused, or the run started: no personal data'),
    at: keep('when'),
    seq: keep('position in the admin-action ledger'),
    prevHash: keep('hash chain'),
    hash: keep('hash chain'),
    keyId: keep('which ledger key sealed it (LEDGER_KEYS)'),
    mac: keep('the seal'),
  },
  ConformanceScan: {
    id: keep('scan ID'),
    workflowId: keep('the scan run'),
    runId: keep('the scan run'),
    startedAt: keep('when'),
    finishedAt: keep('when'),
    checks: keep('the checks run, by code'),
    stores: keep('the stores read'),
    rowsExamined: keep('a count'),
    openFindings: keep('a count'),
    newFindings: keep('a count'),
    resolvedFindings: keep('a count'),
    lateErasures: keep('a count'),
    byRule: keep('counts per rule'),
    evidenceSeqTo: keep('where the next scan reads the ledger on'),
    evidenceId: keep('its attestation in the ledger'),
  },
  ConformanceFinding: {
    id: keep('finding ID'),
    key: proofId(undefined, 'check, kind and opaque subject ID'),
    check: keep('the check that found it'),
    rule: keep('the rule broken'),
    store: keep('where'),
    table: keep('where'),
    subjectKind: keep('user, customer, supportCase, namespace'),
    subjectId: proofId(undefined, 'the subject, by opaque ID: a finding never holds a value'),
    workflowId: proofId(undefined, 'its lifecycle'),
    dueAt: keep('when the value should have gone'),
    overdueSeconds: keep('how late, at the last scan'),
    repair: keep('the suggested repair'),
    firstSeenAt: keep('when'),
    lastSeenAt: keep('when'),
    firstScanId: keep('which scan'),
    lastScanId: keep('which scan'),
    resolvedAt: keep('when it was gone'),
    repairRequestedAt: keep('when an admin asked for the repair'),
  },
  ReconciliationRun: {
    id: keep('run ID'),
    workflowId: keep('the run'),
    runId: keep('the run'),
    startedAt: keep('when'),
    finishedAt: keep('when'),
    subjectsChecked: keep('a count'),
    lifecyclesStarted: keep('a count'),
    startedWorkflowIds: proofId(undefined, 'the lifecycles it started or terminated'),
    orphanedWorkflowIds: proofId(undefined, 'the lifecycles whose subject vanished'),
  },
};

/** The stores besides Postgres's tables, as wholes. */
export const STORES: Array<Omit<InventoryEntry, 'notice'>> = [
  {
    store: 'temporal',
    table: 'workflow histories',
    category: 'pseudonymous',
    action: 'delete',
    rule: 'temporal.retention',
    basis: 'opaque IDs, phases, dates and reason codes; every payload encrypted (AES-256-GCM); deleted by the namespace retention',
    clause: 'necessity',
    deadline: 'lifecycle closed + TEMPORAL_RETENTION (at most 30 days)',
  },
  {
    store: 'temporal',
    table: 'search attributes',
    category: 'pseudonymous',
    action: 'delete',
    rule: 'temporal.retention',
    basis: "opaque IDs, phase, due date, hold, policy version; a user's CustomerId is cleared at its purge",
    clause: 'necessity',
    deadline: 'lifecycle closed + TEMPORAL_RETENTION (at most 30 days)',
  },
  {
    store: 'temporal',
    table: 'memo',
    category: 'not-personal',
    action: 'keep',
    rule: null,
    basis: 'no lifecycle writes a memo',
    clause: 'necessity',
    deadline: 'none written',
  },
  {
    store: 'logs',
    table: 'API and worker logs',
    category: 'pseudonymous',
    action: 'delete',
    rule: 'logs.retention',
    basis: 'JSON lines with opaque IDs and codes; personal fields are redacted at the logger; rotated by the deployment',
    clause: 'necessity',
    deadline: 'at most 30 days (docs/deployment.md)',
  },
  {
    store: 'backups',
    table: 'Postgres dumps',
    category: 'personal',
    subject: 'user',
    action: 'delete',
    rule: 'backups.re-purge',
    basis: 'a restored dump brings back people purged since; they are purged again from the erasure journal at restore',
    clause: 'termination',
    deadline: 'at restore (docs/deployment.md, "Backups")',
  },
  {
    store: 'erasure-journal',
    table: 'journal files',
    category: 'pseudonymous',
    action: 'keep',
    rule: 'evidence.proof',
    basis: 'opaque IDs of erased subjects, kept outside the database so a restore can erase them again',
    clause: 'termination',
    deadline: 'kept with the evidence',
  },
  {
    store: 'metrics',
    table: 'Prometheus series',
    category: 'not-personal',
    action: 'keep',
    rule: null,
    basis: 'counts and durations labelled by route template, kind and rule: never by ID',
    clause: 'necessity',
    deadline: 'per the metrics store',
  },
];

/** The whole inventory, one entry per store, table and column, each with its notice sentence. */
export function inventory(): InventoryEntry[] {
  const columns = Object.entries(TABLES).flatMap(([table, cols]) =>
    Object.entries(cols).map(([column, c]) => ({ store: 'postgres' as const, table, column, ...c, notice: NOTICE[c.clause] })),
  );
  return [...columns, ...STORES.map((s) => ({ ...s, notice: NOTICE[s.clause] }))];
}
