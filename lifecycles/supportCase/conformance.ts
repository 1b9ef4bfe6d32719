// The conformance check of outside requesters' cases (jobs/conformance runs it daily): no closed
// case keeps its requester past closure + RETENTION_SUPPORT_CASE (within 3 years less the safety
// margin), unless a legal hold keeps it. After an erasure, support.requester-after-purge (the user
// kind's check) finds anything set again.
import { aimedWithin } from '../../policy/deadlines';
import { DEFAULT_DURATIONS, NOTICE_MAXIMA } from '../../policy/retention';
import { overdue, type CheckContext, type ConformanceCheck, type FindingCandidate } from '../conformance';
import { supportCaseWorkflowId } from './contract';

interface ClosedRow {
  id: string;
  closedAt: Date;
  dueAt: Date | null;
  status: string | null;
  phase: string | null;
  onHold: boolean | null;
}

const requesterOverdue: ConformanceCheck = {
  code: 'support.requester-overdue',
  rules: ['support.retention'],
  store: 'postgres',
  description:
    "An outside requester's closed case keeps the requester's details past its deadline (its lifecycle's own, or closure + RETENTION_SUPPORT_CASE within three years less the safety margin), not under legal hold.",
  async run(ctx: CheckContext) {
    const rows = await ctx.db.$queryRaw<ClosedRow[]>`
      SELECT c.id, c."closedAt", p."dueAt", p.status, p.phase, p."onHold"
      FROM "SupportCase" c
      LEFT JOIN "LifecycleProjection" p ON p.kind = 'supportCase' AND p."subjectId" = c.id
      WHERE c."requesterKind" = 'external' AND c.status = 'closed' AND c."closedAt" IS NOT NULL
        AND c."requesterErasedAt" IS NULL`;
    const configured = ctx.policy.supportCase ?? DEFAULT_DURATIONS.supportCase;
    const findings: FindingCandidate[] = [];
    for (const r of rows) {
      if (r.onHold) continue;
      const running = r.status === 'running' && r.phase === 'CLOSED';
      const due =
        running && r.dueAt
          ? r.dueAt
          : new Date(aimedWithin(r.closedAt.getTime(), configured, NOTICE_MAXIMA.supportCase, ctx.policy.safetyMargin));
      if (!overdue(ctx, due)) continue;
      findings.push({
        check: this.code,
        rule: this.rules[0]!,
        store: 'postgres',
        table: 'SupportCase',
        subjectKind: 'supportCase',
        subjectId: r.id,
        workflowId: supportCaseWorkflowId(r.id),
        dueAt: due,
        repair: running ? 'erase-now' : 'start-lifecycle',
      });
    }
    return { findings, examined: rows.length };
  },
};

export const supportCaseConformanceChecks: readonly ConformanceCheck[] = [requesterOverdue];
