// Admin reconciliation routes: the list's filters and sorts, the "run now" body.
import { z } from 'zod';
import { reason } from '../../schemas';
import { dateFilter, idsFilter } from '../listQuery';

export const RECONCILIATION_SORTS = ['finishedAt', 'startedAt', 'subjectsChecked', 'lifecyclesStarted', 'id'] as const;

export const reconciliationFilter = z.strictObject({
  id: idsFilter.optional(),
  finishedAt_gte: dateFilter.optional(),
  finishedAt_lte: dateFilter.optional(),
});
export type ReconciliationFilter = z.output<typeof reconciliationFilter>;

export const runParams = z.strictObject({ id: z.string().min(1).max(200) });
/** Optional: starting a run changes no subject by itself, but a reason helps the audit. */
export const runNowBody = z.strictObject({ reason: reason.optional() });
