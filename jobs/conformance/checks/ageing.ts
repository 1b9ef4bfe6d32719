// The ageing rules met (jobs/ageing): no CRM activity, contact or invoice keeps a personal field
// past its own 5-year deadline plus the tolerance, active relationship or not. Set-based over the
// sweep's partial indexes (only rows not yet anonymised are in them); one finding per subject and
// rule, dated by its oldest overdue record. Subjects under a legal hold are the sweep's to leave.
// The repair runs the sweep now.
import { AGEING_TABLES, HOLD_KINDS, type AgeingTable } from '../../ageing/contract';
import { overdue, type CheckContext, type ConformanceCheck, type FindingCandidate } from '../../../lifecycles/conformance';
import { customerWorkflowId } from '../../../lifecycles/customer/contract';
import { ageingCutoffMs, ageingDueMs } from '../../../policy/ageing';

interface Overdue {
  owner: string;
  oldest: Date;
  rows: number;
}

function overdueRows(ctx: CheckContext, spec: AgeingTable, cutoff: Date): Promise<Overdue[]> {
  const date = `"${spec.date}"`;
  const personal = spec.personal.map((c) => `"${c}" IS NOT NULL`).join(' OR ');
  return ctx.db.$queryRawUnsafe<Overdue[]>(
    `SELECT t."${spec.owner}" AS owner, min(t.${date}) AS oldest, count(*)::int AS rows
     FROM "${spec.table}" t
     WHERE t."anonymisedAt" IS NULL AND t.${date} <= $1::timestamp AND (${personal})
       AND NOT EXISTS (SELECT 1 FROM "LifecycleProjection" p
                       WHERE p."subjectId" = t."${spec.owner}" AND p.kind = ANY($2::text[]) AND p."onHold")
     GROUP BY 1`,
    cutoff.toISOString(),
    [...HOLD_KINDS],
  );
}

function agedPersonal(code: string, rule: AgeingTable['rule'], description: string): ConformanceCheck {
  const tables = AGEING_TABLES.filter((t) => t.rule === rule);
  return {
    code,
    rules: [rule],
    store: 'postgres',
    description,
    async run(ctx) {
      // Due more than the tolerance ago: the cutoff of `now − tolerance`.
      const cutoff = new Date(ageingCutoffMs(ctx.now.getTime() - ctx.toleranceMs, ctx.policy));
      const byOwner = new Map<string, { table: string; due: Date }>();
      let examined = 0;
      for (const t of tables) {
        for (const r of await overdueRows(ctx, t, cutoff)) {
          examined += r.rows;
          const due = new Date(ageingDueMs(r.oldest.getTime(), ctx.policy));
          // The cutoff takes a folded leap day's neighbours up to a day early; they are not late yet.
          if (!overdue(ctx, due)) continue;
          const seen = byOwner.get(r.owner);
          if (!seen || due < seen.due) byOwner.set(r.owner, { table: t.table, due });
        }
      }
      const findings: FindingCandidate[] = [...byOwner].map(([owner, { table, due }]) => ({
        check: code,
        rule,
        store: 'postgres',
        table,
        // The owner column holds customers' IDs today; a prospect's rows will name its own kind here.
        subjectKind: 'customer',
        subjectId: owner,
        workflowId: customerWorkflowId(owner),
        dueAt: due,
        repair: 'sweep-now',
      }));
      return { findings, examined };
    },
  };
}

export const crmAgedPersonal = agedPersonal(
  'crm.aged-personal',
  'crm.ageing',
  "A CRM activity or contact person keeps a personal field past its own date (the activity's, the contact's last touch) + RETENTION_ERP_MAX, within five years, whether the relationship is active or not.",
);

export const erpAgedPersonal = agedPersonal(
  'erp.aged-personal',
  'erp.ageing',
  'An invoice keeps its billing identity past its own issue date + RETENTION_ERP_MAX, within five years, whether the relationship is active or not.',
);
