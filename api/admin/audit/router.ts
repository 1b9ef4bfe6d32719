// The auditor's proof inside the console, with the console's own sign-in (no token to paste): a
// subject's receipt (JSON; the console renders, prints and saves it), the ledger's chain check and
// the data inventory (the record of processing page).
// Read-only for admins and auditors alike; no personal data in either.
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { checkLedger } from '../../../console/ledger';
import type { Ledger } from '../../../ledger/ledger';
import type { Receipts } from '../../../console/receipt';
import { KIND_NAMES } from '../../../lifecycles/registry';
import { opaqueId } from '../../../lifecycles/shared/fields';
import { inventory } from '../../../policy/inventory';
import { validate } from '../../validate';

const receiptParams = z.strictObject({ subjectKind: z.enum(KIND_NAMES), subjectId: opaqueId });

export function auditAdminRouter(db: Db, receipts: Receipts, ledger: Ledger): Router {
  const router = Router();

  router.get('/receipts/:subjectKind/:subjectId', validate({ params: receiptParams }), async (_req, res) => {
    const { subjectKind, subjectId } = res.locals.params;
    res.json({ id: `${subjectKind}/${subjectId}`, ...(await receipts.receiptFor(subjectKind, subjectId)) });
  });

  router.get('/inventory', (_req, res) => {
    res.json(inventory());
  });

  router.get('/ledger/verify', async (_req, res) => {
    res.json(await checkLedger(db, ledger));
  });

  return router;
}
