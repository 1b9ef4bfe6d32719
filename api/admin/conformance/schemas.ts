// Admin conformance routes' path parameters and bodies (the lists' filters and sorts are the
// console's own: console/conformance.ts).
import { z } from 'zod';
import { codeOnlyRequest, reasonRequest } from '../../../lifecycles/shared/fields';

export const idParams = z.strictObject({ id: z.string().min(1).max(200) });
/** A repair changes data or a lifecycle: the reason code is required, a note may explain it. */
export const repairBody = reasonRequest;
/** A scan changes nothing by itself; a reason code helps the audit (no note: it would be nobody's data). */
export const scanNowBody = codeOnlyRequest;
