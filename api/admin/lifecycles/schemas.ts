// Admin lifecycle routes: the path parameters and the actions' body (the list's filter and sorts
// are the console's own: console/lifecycles.ts).
import { z } from 'zod';
import { ADMIN_ACTIONS } from '../../../console/records';
import { optionalReasonRequest } from '../../../lifecycles/shared/fields';

export const lifecycleParams = z.strictObject({ id: z.string().min(1).max(200) });
export const actionParams = z.strictObject({ id: z.string().min(1).max(200), action: z.enum(ADMIN_ACTIONS) });
/** A reason is required for every action but restore; the console service says which when it is missing. */
export const actionBody = optionalReasonRequest;

/** `?ids=["user-lifecycle-…",…]`: the rows on screen (a list page holds at most 100 at a time in the console). */
export const presenceQuery = z.strictObject({
  ids: z
    .string()
    .transform((raw, ctx) => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON array of workflow IDs' });
        return z.NEVER;
      }
    })
    .pipe(z.array(z.string().min(1).max(200)).min(1).max(100)),
});
