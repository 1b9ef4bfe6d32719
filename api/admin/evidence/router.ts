// /api/admin/evidence: the evidence ledger, read-only for both roles (it holds no personal data).
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { NotFoundError } from '../../errors';
import { dateFilter, idsFilter, parseListQuery, sendPage } from '../listQuery';

const filter = z.strictObject({
  id: idsFilter.optional(),
  subjectId: z.string().min(1).max(64).optional(),
  subjectKind: z.enum(['user', 'customer']).optional(),
  action: z.string().regex(/^[a-z-]{1,32}$/, 'must be an action name such as purge').optional(),
  rule: z.string().min(1).max(64).optional(),
  workflowId: z.string().min(1).max(200).optional(),
  finishedAt_gte: dateFilter.optional(),
  finishedAt_lte: dateFilter.optional(),
});
const SORTS = ['finishedAt', 'seq', 'subjectId', 'rule', 'id'] as const;

// BigInt (seq) has no JSON form; the ledger's sequence fits a JS number for centuries.
const plain = <T extends { seq: bigint }>(e: T) => ({ ...e, seq: Number(e.seq) });

export function evidenceAdminRouter(db: Db): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const q = parseListQuery(req.query, { sortable: SORTS, filter, defaultOrder: 'desc' });
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
    sendPage(res, 'evidence', q, rows.map(plain), total);
  });

  router.get('/:id', async (req, res) => {
    const e = await db.evidence.findUnique({ where: { id: req.params.id } });
    if (!e) throw new NotFoundError(`evidence ${req.params.id} not found`);
    res.json(plain(e));
  });

  return router;
}
