// The conformance checks of a customer's own records (jobs/conformance runs them daily): nothing
// personal left in CRM after its anonymisation, no ended relationship past its CRM deadline
// («innen 3 år»), and no billing identity on an invoice past the ERP deadline: the CRM deadline
// too, or «etter 5 år» at the latest under a configured legal duty.
import { aimedWithin } from '../../policy/deadlines';
import { NOTICE_CAP, NOTICE_MAXIMA } from '../../policy/retention';
import { overdue, type CheckContext, type ConformanceCheck, type FindingCandidate } from '../conformance';
import { customerWorkflowId } from './contract';

const finding = (f: Omit<FindingCandidate, 'subjectKind' | 'store' | 'workflowId'>): FindingCandidate => ({
  subjectKind: 'customer',
  store: 'postgres',
  workflowId: customerWorkflowId(f.subjectId),
  ...f,
});

/** The CRM deadline of a relationship that ended at `endedAt`, under the configured policy. */
const crmDue = (ctx: CheckContext, endedAt: Date) =>
  new Date(aimedWithin(endedAt.getTime(), ctx.policy.crmAnonymise, NOTICE_MAXIMA.crmAnonymise, ctx.policy.safetyMargin));
/** ERP goes with the CRM step unless a named legal duty keeps it to RETENTION_ERP_MAX (rule erp.cap). */
const erpDue = (ctx: CheckContext, endedAt: Date) =>
  ctx.policy.erpLegalDuty
    ? new Date(aimedWithin(endedAt.getTime(), ctx.policy.erpMax, NOTICE_CAP, ctx.policy.safetyMargin))
    : crmDue(ctx, endedAt);
const erpRule = (ctx: CheckContext) => (ctx.policy.erpLegalDuty ? 'erp.cap' : 'crm.anonymise');

const crmAfterAnonymisation: ConformanceCheck = {
  code: 'customer.crm-after-anonymisation',
  rules: ['crm.anonymise'],
  store: 'postgres',
  description:
    "An anonymised or closed customer keeps contact details (a private customer's name too), a contact person or a CRM activity's personal fields.",
  async run({ db }) {
    const rows = await db.$queryRaw<Array<{ id: string; anonymisedAt: Date | null }>>`
      SELECT c.id, c."anonymisedAt" FROM "Customer" c
      WHERE c.status IN ('anonymised', 'closed') AND (
        c.email IS NOT NULL OR c.phone IS NOT NULL OR c.address IS NOT NULL
        OR (c.type = 'private' AND c.name IS NOT NULL)
        OR EXISTS (SELECT 1 FROM "ContactPerson" p WHERE p."customerId" = c.id
                   AND (p."firstName" IS NOT NULL OR p."lastName" IS NOT NULL OR p.email IS NOT NULL OR p.phone IS NOT NULL))
        OR EXISTS (SELECT 1 FROM "CrmActivity" a WHERE a."customerId" = c.id
                   AND (a."contactName" IS NOT NULL OR a."contactEmail" IS NOT NULL OR a.notes IS NOT NULL)))`;
    const examined = await db.customer.count({ where: { status: { in: ['anonymised', 'closed'] } } });
    const findings = rows.map((c) =>
      finding({ check: this.code, rule: this.rules[0]!, table: 'Customer', subjectId: c.id, dueAt: c.anonymisedAt, repair: 'erase-again' }),
    );
    return { findings, examined };
  },
};

interface EndedRow {
  id: string;
  endedAt: Date | null;
  dueAt: Date | null;
  status: string | null;
  phase: string | null;
  onHold: boolean | null;
}

const crmOverdue: ConformanceCheck = {
  code: 'customer.crm-overdue',
  rules: ['crm.anonymise'],
  store: 'postgres',
  description:
    "An ended relationship past its CRM anonymisation deadline (its lifecycle's own, or the end + RETENTION_CRM_ANONYMISE within three years less the safety margin), not under legal hold.",
  async run(ctx: CheckContext) {
    const rows = await ctx.db.$queryRaw<EndedRow[]>`
      SELECT c.id, c."endedAt", p."dueAt", p.status, p.phase, p."onHold"
      FROM "Customer" c
      LEFT JOIN "LifecycleProjection" p ON p.kind = 'customer' AND p."subjectId" = c.id
      WHERE c.status = 'ended'`;
    const findings: FindingCandidate[] = [];
    for (const r of rows) {
      if (r.onHold) continue;
      const running = r.status === 'running';
      // While the relationship is ENDED the lifecycle's next deadline is the CRM step.
      const due = running && r.phase === 'ENDED' && r.dueAt ? r.dueAt : crmDue(ctx, r.endedAt ?? ctx.now);
      if (!overdue(ctx, due)) continue;
      findings.push(
        finding({
          check: this.code,
          rule: this.rules[0]!,
          table: 'Customer',
          subjectId: r.id,
          dueAt: due,
          repair: running && r.phase === 'ENDED' ? 'erase-now' : 'start-lifecycle',
        }),
      );
    }
    return { findings, examined: rows.length };
  },
};

const erpOverdue: ConformanceCheck = {
  code: 'customer.erp-overdue',
  rules: ['crm.anonymise', 'erp.cap'],
  store: 'postgres',
  description:
    'An invoice keeps its billing identity past the ERP deadline: the CRM deadline, or under a legal duty (RETENTION_ERP_LEGAL_DUTY) the end + RETENTION_ERP_MAX, within five years.',
  async run(ctx: CheckContext) {
    const rows = await ctx.db.$queryRaw<Array<{ id: string; endedAt: Date; onHold: boolean | null }>>`
      SELECT c.id, c."endedAt", p."onHold" FROM "Customer" c
      LEFT JOIN "LifecycleProjection" p ON p.kind = 'customer' AND p."subjectId" = c.id
      WHERE c."endedAt" IS NOT NULL AND EXISTS (
        SELECT 1 FROM "ErpInvoice" i WHERE i."customerId" = c.id
        AND (i."billingName" IS NOT NULL OR i."billingAddress" IS NOT NULL OR i."billingEmail" IS NOT NULL))`;
    const examined = await ctx.db.erpInvoice.count();
    const findings = rows
      .filter((r) => !r.onHold && overdue(ctx, erpDue(ctx, r.endedAt)))
      .map((r) =>
        finding({
          check: this.code,
          rule: erpRule(ctx),
          table: 'ErpInvoice',
          subjectId: r.id,
          dueAt: erpDue(ctx, r.endedAt),
          repair: 'erase-again',
        }),
      );
    return { findings, examined };
  },
};

/** In order: when two checks find the same subject under the same rule, the first one's finding stands. */
export const customerConformanceChecks: readonly ConformanceCheck[] = [crmAfterAnonymisation, crmOverdue, erpOverdue];
