// The evidence ledger as the console lists it: read-only for both roles, since it holds no
// personal data (opaque IDs, rules, counts and hashes).
import { z } from 'zod';
import type { Db } from '../db/client';
import { KIND_NAMES } from '../lifecycles/registry';
import { NotFoundError } from '../lifecycles/errors';
import { dateFilter, idsFilter, type ListQuery } from './listQuery';

export const EVIDENCE_SORTS = ['finishedAt', 'seq', 'subjectId', 'rule', 'id'] as const;

export const evidenceFilter = z.strictObject({
  id: idsFilter.optional(),
  subjectId: z.string().min(1).max(64).optional(),
  subjectKind: z.enum(KIND_NAMES).optional(),
  action: z
    .string()
    .regex(/^[a-z-]{1,32}$/, 'must be an action name such as purge')
    .optional(),
  rule: z.string().min(1).max(64).optional(),
  workflowId: z.string().min(1).max(200).optional(),
  finishedAt_gte: dateFilter.optional(),
  finishedAt_lte: dateFilter.optional(),
});
export type EvidenceFilter = z.output<typeof evidenceFilter>;

// BigInt (seq) has no JSON form; the ledger's sequence fits a JS number for centuries.
const plain = <T extends { seq: bigint }>(e: T) => ({ ...e, seq: Number(e.seq) });

export function createEvidenceConsole(db: Db) {
  return {
    async list(q: ListQuery<EvidenceFilter>) {
      const f = q.filter;
      const where = {
        id: f.id ? { in: f.id } : undefined,
        subjectId: f.subjectId,
        subjectKind: f.subjectKind,
        action: f.action,
        rule: f.rule,
        workflowId: f.workflowId,
        finishedAt: f.finishedAt_gte || f.finishedAt_lte ? { gte: f.finishedAt_gte, lte: f.finishedAt_lte } : undefined,
      };
      const [rows, total] = await Promise.all([
        db.evidence.findMany({ where, orderBy: [{ [q.sort.field]: q.sort.order }, { id: 'asc' }], skip: q.skip, take: q.take }),
        db.evidence.count({ where }),
      ]);
      return { rows: rows.map(plain), total };
    },

    async get(id: string) {
      const e = await db.evidence.findUnique({ where: { id } });
      if (!e) throw new NotFoundError(`evidence ${id} not found`);
      return plain(e);
    },
  };
}

export type EvidenceConsole = ReturnType<typeof createEvidenceConsole>;
