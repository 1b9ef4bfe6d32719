// Deadlines met, not just aimed at: every purge or anonymisation the ledger recorded since the last
// scan is compared with its own deadline (which counts time under legal hold). One that finished
// more than the tolerance after it is recorded once, already resolved: the data is gone, the
// lateness stays on the record.
import type { ConformanceCheck, FindingCandidate } from '../../../lifecycles/conformance';
import type { RuleId } from '../../../policy/retention';

export const lateErasures: ConformanceCheck = {
  code: 'evidence.late-erasure',
  rules: ['user.quarantine-purge', 'user.erasure', 'crm.anonymise', 'crm.erasure', 'erp.cap', 'crm.ageing', 'erp.ageing'],
  store: 'postgres',
  description: 'A purge or anonymisation that finished more than the tolerance after its deadline (read once, from the ledger).',
  async run(ctx) {
    const rows = await ctx.db.$queryRaw<
      Array<{ id: string; subjectKind: string; subjectId: string; rule: string; workflowId: string; dueAt: Date; finishedAt: Date }>
    >`
      SELECT id, "subjectKind", "subjectId", rule, "workflowId", "dueAt", "finishedAt" FROM "Evidence"
      WHERE seq > ${ctx.evidenceSeqs.from} AND seq <= ${ctx.evidenceSeqs.to} AND action IN ('purge', 'anonymise') AND "dueAt" IS NOT NULL
        AND "finishedAt" > "dueAt" + make_interval(secs => ${ctx.toleranceMs / 1000})`;
    const [{ examined }] = await ctx.db.$queryRaw<[{ examined: number }]>`
      SELECT count(*)::int AS examined FROM "Evidence" WHERE seq > ${ctx.evidenceSeqs.from} AND seq <= ${ctx.evidenceSeqs.to}`;
    const findings: FindingCandidate[] = rows.map((r) => ({
      check: this.code,
      rule: r.rule as RuleId,
      store: 'postgres',
      table: 'Evidence',
      subjectKind: r.subjectKind,
      subjectId: r.subjectId,
      workflowId: r.workflowId,
      dueAt: r.dueAt,
      repair: 'none',
      ref: r.id,
      resolvedAt: r.finishedAt,
    }));
    return { findings, examined };
  },
};
