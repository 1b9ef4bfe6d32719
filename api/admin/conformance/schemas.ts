// Admin conformance routes' path parameters and bodies (the lists' filters and sorts are the
// console's own: console/conformance.ts).
import { z } from 'zod';
import { reason } from '../../../lifecycles/shared/fields';

export const idParams = z.strictObject({ id: z.string().min(1).max(200) });
/** A repair changes data or a lifecycle: the reason is required. */
export const repairBody = z.strictObject({ reason });
/** A scan changes nothing by itself; a reason helps the audit. */
export const scanNowBody = z.strictObject({ reason: reason.optional() });
