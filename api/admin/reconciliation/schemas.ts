// Admin reconciliation routes: a run's path parameter and the "run now" body (the list's filter
// and sorts are the console's own: console/reconciliation.ts).
import { z } from 'zod';
import { codeOnlyRequest } from '../../../lifecycles/shared/fields';

export const runParams = z.strictObject({ id: z.string().min(1).max(200) });
/** Optional: starting a run changes no subject by itself, but a reason code helps the audit. */
export const runNowBody = codeOnlyRequest;
