// The conformance checks of departed contact persons (jobs/conformance runs them daily): nothing
// personal left of an anonymised contact in the rows its lifecycle covers, and no departed contact
// past its deadline (departure + RETENTION_CONTACT, «innen 3 år») while not held.
import { aimedWithin } from '../../policy/deadlines';
import { contactRetention, NOTICE_MAXIMA } from '../../policy/retention';
import { overdue, type CheckContext, type ConformanceCheck, type FindingCandidate } from '../conformance';
import { contactWorkflowId } from './contract';

const finding = (f: Omit<FindingCandidate, 'subjectKind' | 'store' | 'workflowId'>): FindingCandidate => ({
  subjectKind: 'contact',
  store: 'postgres',
  workflowId: contactWorkflowId(f.subjectId),
  ...f,
});

/** A departed contact's deadline under the configured policy. */
export const contactDue = (ctx: Pick<CheckContext, 'policy'>, departedAt: Date) =>
  new Date(aimedWithin(departedAt.getTime(), contactRetention(ctx.policy), NOTICE_MAXIMA.contact, ctx.policy.safetyMargin));

const personalAfterAnonymisation: ConformanceCheck = {
  code: 'contact.personal-after-anonymisation',
  rules: ['contact.anonymise'],
  store: 'postgres',
  description:
    'An anonymised contact person keeps a personal field, a CRM activity linked to it keeps its personal fields, or a support case still names it as requester.',
  async run({ db }) {
    const rows = await db.$queryRaw<Array<{ id: string; anonymisedAt: Date }>>`
      SELECT p.id, p."anonymisedAt" FROM "ContactPerson" p
      WHERE p."anonymisedAt" IS NOT NULL AND (
        p."firstName" IS NOT NULL OR p."lastName" IS NOT NULL OR p.email IS NOT NULL OR p.phone IS NOT NULL
        OR EXISTS (SELECT 1 FROM "CrmActivity" a WHERE a."contactId" = p.id
                   AND (a."contactName" IS NOT NULL OR a."contactEmail" IS NOT NULL OR a.notes IS NOT NULL))
        OR EXISTS (SELECT 1 FROM "SupportCase" s WHERE s."contactId" = p.id))`;
    const examined = await db.contactPerson.count({ where: { anonymisedAt: { not: null } } });
    const findings = rows.map((c) =>
      finding({
        check: this.code,
        rule: this.rules[0]!,
        table: 'ContactPerson',
        subjectId: c.id,
        dueAt: c.anonymisedAt,
        repair: 'erase-again',
      }),
    );
    return { findings, examined };
  },
};

interface DepartedRow {
  id: string;
  departedAt: Date;
  dueAt: Date | null;
  status: string | null;
  phase: string | null;
  onHold: boolean | null;
}

const overdueCheck: ConformanceCheck = {
  code: 'contact.overdue',
  rules: ['contact.anonymise'],
  store: 'postgres',
  description:
    "A departed contact person past its anonymisation deadline (its lifecycle's own, or the departure + RETENTION_CONTACT within three years less the safety margin), not under legal hold.",
  async run(ctx: CheckContext) {
    const rows = await ctx.db.$queryRaw<DepartedRow[]>`
      SELECT c.id, c."departedAt", p."dueAt", p.status, p.phase, p."onHold"
      FROM "ContactPerson" c
      LEFT JOIN "LifecycleProjection" p ON p.kind = 'contact' AND p."subjectId" = c.id
      WHERE c."departedAt" IS NOT NULL AND c."anonymisedAt" IS NULL`;
    const findings: FindingCandidate[] = [];
    for (const r of rows) {
      if (r.onHold) continue;
      const running = r.status === 'running' && r.phase === 'DEPARTED';
      const due = running && r.dueAt ? r.dueAt : contactDue(ctx, r.departedAt);
      if (!overdue(ctx, due)) continue;
      findings.push(
        finding({
          check: this.code,
          rule: this.rules[0]!,
          table: 'ContactPerson',
          subjectId: r.id,
          dueAt: due,
          repair: running ? 'erase-now' : 'start-lifecycle',
        }),
      );
    }
    return { findings, examined: rows.length };
  },
};

/** In order: when two checks find the same subject under the same rule, the first one's finding stands. */
export const contactConformanceChecks: readonly ConformanceCheck[] = [personalAfterAnonymisation, overdueCheck];
