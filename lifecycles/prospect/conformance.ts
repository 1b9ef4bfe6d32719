// The conformance check of prospects (jobs/conformance runs it daily): no prospect keeps its name or
// contact details past the last contact + RETENTION_PROSPECT (within 5 years less the safety
// margin), unless a legal hold keeps it.
import { aimedWithin } from '../../policy/deadlines';
import { DEFAULT_DURATIONS, NOTICE_MAXIMA } from '../../policy/retention';
import { overdue, type CheckContext, type ConformanceCheck, type FindingCandidate } from '../conformance';
import { prospectWorkflowId } from './contract';

interface ProspectRow {
  id: string;
  clock: Date;
  dueAt: Date | null;
  status: string | null;
  onHold: boolean | null;
}

const dataOverdue: ConformanceCheck = {
  code: 'prospect.data-overdue',
  rules: ['prospect.anonymise'],
  store: 'postgres',
  description:
    "A prospect keeps its name or contact details past its deadline (its lifecycle's own, or the last contact + RETENTION_PROSPECT within five years less the safety margin), not under legal hold.",
  async run(ctx: CheckContext) {
    const rows = await ctx.db.$queryRaw<ProspectRow[]>`
      SELECT p.id, COALESCE(p."lastContactAt", p."createdAt") AS clock, l."dueAt", l.status, l."onHold"
      FROM "Prospect" p
      LEFT JOIN "LifecycleProjection" l ON l.kind = 'prospect' AND l."subjectId" = p.id
      WHERE p."anonymisedAt" IS NULL
        AND (p.name IS NOT NULL OR p.email IS NOT NULL OR p.phone IS NOT NULL OR p.address IS NOT NULL)`;
    const configured = ctx.policy.prospect ?? DEFAULT_DURATIONS.prospect;
    const findings: FindingCandidate[] = [];
    for (const r of rows) {
      if (r.onHold) continue;
      const running = r.status === 'running';
      const due =
        running && r.dueAt
          ? r.dueAt
          : new Date(aimedWithin(r.clock.getTime(), configured, NOTICE_MAXIMA.prospect, ctx.policy.safetyMargin));
      if (!overdue(ctx, due)) continue;
      findings.push({
        check: this.code,
        rule: this.rules[0]!,
        store: 'postgres',
        table: 'Prospect',
        subjectKind: 'prospect',
        subjectId: r.id,
        workflowId: prospectWorkflowId(r.id),
        dueAt: due,
        repair: running ? 'erase-now' : 'start-lifecycle',
      });
    }
    return { findings, examined: rows.length };
  },
};

export const prospectConformanceChecks: readonly ConformanceCheck[] = [dataOverdue];
