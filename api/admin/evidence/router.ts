// /api/admin/evidence: the evidence ledger, read-only for both roles (it holds no personal data).
import { Router } from 'express';
import { EVIDENCE_SORTS, evidenceFilter, type EvidenceConsole } from '../../../console/evidence';
import { parseListQuery, sendPage } from '../listQuery';

export function evidenceAdminRouter(evidence: EvidenceConsole): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const q = parseListQuery(req.query, { sortable: EVIDENCE_SORTS, filter: evidenceFilter, defaultOrder: 'desc' });
    const { rows, total } = await evidence.list(q);
    sendPage(res, 'evidence', q, rows, total);
  });

  router.get('/:id', async (req, res) => {
    res.json(await evidence.get(req.params.id));
  });

  return router;
}
