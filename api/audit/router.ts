// The auditor's routes (roles auditor and admin): the ledger's chain check and per-subject
// receipts, as JSON and as a printable page. Everything here reads; nothing changes state.
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { verifyEvidenceChain } from '../../ledger/verify';
import { apiMetrics } from '../../observability/apiMetrics';
import { NotFoundError } from '../errors';
import { opaqueId } from '../schemas';
import { validate } from '../validate';
import { buildReceipt, type PendingLifecycle } from './receipt';
import { renderReceiptHtml } from './receiptHtml';

/** Where a subject without an erasure record stands; null when it has no lifecycle at all. */
export type PendingLookup = (subjectKind: string, subjectId: string) => Promise<PendingLifecycle | null>;

export const receiptParams = z.strictObject({ subjectKind: z.enum(['user', 'customer']), subjectId: opaqueId });

export function auditRouter(db: Db, pendingLookup: PendingLookup): Router {
  const router = Router();

  router.get('/evidence/verify', async (_req, res) => {
    const report = await verifyEvidenceChain(db);
    if (!report.ok) apiMetrics.verificationFailures.inc();
    res.json(report);
  });

  async function receiptFor(subjectKind: string, subjectId: string) {
    const rows = await db.evidence.findMany({ where: { subjectKind, subjectId }, orderBy: { seq: 'asc' } });
    const pending = await pendingLookup(subjectKind, subjectId);
    if (rows.length === 0 && !pending) throw new NotFoundError(`no lifecycle and no evidence for ${subjectKind} ${subjectId}`);
    return buildReceipt(subjectKind, subjectId, rows, pending);
  }

  router.get('/receipts/:subjectKind/:subjectId', validate({ params: receiptParams }), async (_req, res) => {
    const { subjectKind, subjectId } = res.locals.params;
    res.json(await receiptFor(subjectKind, subjectId));
  });

  router.get('/receipts/:subjectKind/:subjectId/receipt.html', validate({ params: receiptParams }), async (_req, res) => {
    const { subjectKind, subjectId } = res.locals.params;
    // The page is self-contained: no script, nothing loaded from elsewhere.
    res.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    res.type('html').send(renderReceiptHtml(await receiptFor(subjectKind, subjectId)));
  });

  return router;
}
