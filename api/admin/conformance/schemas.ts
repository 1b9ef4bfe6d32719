// Admin conformance routes' path parameters and bodies (the lists' filters and sorts are the
// console's own: console/conformance.ts).
import { z } from 'zod';
import { codeOnlyRequest } from '../../../lifecycles/shared/fields';

export const idParams = z.strictObject({ id: z.string().min(1).max(200) });
/**
 * A repair changes data or a lifecycle: the reason code is required. No note: a finding's repair may
 * erase its subject at once, and a second finding's repair would then leave a note on erased data.
 */
export const repairBody = codeOnlyRequest.refine((b) => b.reason !== undefined, {
  message: 'a reason code is required to repair a finding',
  path: ['reasonCode'],
});
/** A scan changes nothing by itself; a reason code helps the audit (no note: it would be nobody's data). */
export const scanNowBody = codeOnlyRequest;
