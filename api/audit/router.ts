// The auditor's routes (roles auditor and admin): the ledger's chain check, per-subject
// receipts (as JSON and as a printable page) and the data inventory. Everything here reads; nothing changes state.
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/client';
import type { Ledger } from '../../ledger/ledger';
import { verifyLedgers } from '../../ledger/verify';
import { apiMetrics } from '../../observability/apiMetrics';
import type { Receipts } from '../../console/receipt';
import { KIND_NAMES } from '../../lifecycles/registry';
import { inventory } from '../../policy/inventory';
import { opaqueId } from '../../lifecycles/shared/fields';
import { validate } from '../validate';
import { renderReceiptHtml } from './receiptHtml';

export const receiptParams = z.strictObject({ subjectKind: z.enum(KIND_NAMES), subjectId: opaqueId });

export function auditRouter(db: Db, ledger: Ledger, receipts: Receipts): Router {
  const router = Router();

  router.get('/evidence/verify', async (_req, res) => {
    const report = await verifyLedgers(db, ledger);
    if (!report.ok) apiMetrics.verificationFailures.inc();
    res.json(report);
  });

  // The record of processing: every column and store, what it holds and the rule that ends it.
  router.get('/inventory', (_req, res) => {
    res.json(inventory());
  });

  router.get('/receipts/:subjectKind/:subjectId', validate({ params: receiptParams }), async (_req, res) => {
    const { subjectKind, subjectId } = res.locals.params;
    res.json(await receipts.receiptFor(subjectKind, subjectId));
  });

  router.get('/receipts/:subjectKind/:subjectId/receipt.html', validate({ params: receiptParams }), async (_req, res) => {
    const { subjectKind, subjectId } = res.locals.params;
    // Looked up before the type is set: a 404 must go out as the JSON error it is, not labelled HTML.
    const receipt = await receipts.receiptFor(subjectKind, subjectId);
    // The page is self-contained: no script, nothing loaded from elsewhere.
    res.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    res.type('html').send(renderReceiptHtml(receipt));
  });

  return router;
}
