// Admin lifecycle routes: the list's filters and sorts, the actions' bodies.
import { z } from 'zod';
import { reason } from '../../schemas';
import { dateFilter, idsFilter } from '../listQuery';

export const LIFECYCLE_SORTS = ['dueAt', 'updatedAt', 'id', 'subjectId', 'phase', 'kind', 'status'] as const;
export const LIFECYCLE_STATUSES = ['running', 'completed', 'cancelled', 'failed'] as const;

export const lifecycleFilter = z.strictObject({
  id: idsFilter.optional(),
  q: z.string().trim().max(64).optional().describe('prefix of the subject ID'),
  kind: z.enum(['user', 'customer']).optional(),
  phase: z.string().regex(/^[A-Z_]{1,32}$/, 'must be a phase name such as QUARANTINED').optional(),
  status: z.enum(LIFECYCLE_STATUSES).optional(),
  customerId: z.string().min(1).max(64).optional(),
  subjectId: z.string().min(1).max(64).optional(),
  onHold: z.boolean().optional(),
  dueAt_gte: dateFilter.optional(),
  dueAt_lte: dateFilter.optional(),
});
export type LifecycleFilter = z.output<typeof lifecycleFilter>;

export const lifecycleParams = z.strictObject({ id: z.string().min(1).max(200) });

export const ADMIN_ACTIONS = ['hold', 'release', 'restore', 'erasure', 'cancel'] as const;
export type AdminActionName = (typeof ADMIN_ACTIONS)[number];
export const actionParams = z.strictObject({ id: z.string().min(1).max(200), action: z.enum(ADMIN_ACTIONS) });
/** A reason is required for every action but restore; the service says which when it is missing. */
export const actionBody = z.strictObject({ reason: reason.optional() });
