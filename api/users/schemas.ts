// Request and response schemas of the user routes; validation and the OpenAPI document use these.
import { z } from 'zod';
import { UserStatus } from '../../generated/prisma/enums';
import { email, opaqueId, phone, reason, shortText } from '../schemas';
import type { LifecycleReport } from './service';

export const userParams = z.strictObject({ userId: opaqueId });

export const userProvisioning = z.strictObject({
  customerId: opaqueId,
  username: shortText(100),
  firstName: shortText(),
  lastName: shortText(),
  email,
  phone,
});

const FUTURE_TOLERANCE_MS = 5 * 60_000; // clock skew between the caller and us
const EARLIEST_TERMINATION = Date.parse('2000-01-01T00:00:00Z');

export const terminationRequest = z.strictObject({
  terminatedAt: z.iso
    .datetime({ offset: true, message: 'must be an ISO-8601 date-time with a UTC offset, e.g. 2026-01-31T17:00:00+01:00' })
    // `!(… > …)` lets an unparseable value through to the format message alone.
    .refine((s) => !(Date.parse(s) > Date.now() + FUTURE_TOLERANCE_MS), 'must not be in the future: report a termination when it has happened')
    .refine((s) => !(Date.parse(s) < EARLIEST_TERMINATION), 'must not be before 2000-01-01')
    // One spelling in workflow history and evidence, whatever offset the caller used.
    .transform((s) => new Date(s).toISOString())
    .optional()
    .describe('When the user left (the quarantine counts from it). Defaults to now; at most 5 minutes in the future.'),
  reason: reason.optional(),
});

export const reasonRequest = z.strictObject({ reason });
export const optionalReasonRequest = z.strictObject({ reason: reason.optional() });

export const provisionedUser = z.object({ id: opaqueId, status: z.enum(UserStatus) });

const hold = z.object({ reason: z.string(), since: z.iso.datetime() });
const instant = z.iso.datetime().nullable();

/** Documents the lifecycle view; the type check below keeps it in step with the service's type. */
export const lifecycleReport = z.object({
  workflowId: z.string().nullable().describe('null when no lifecycle workflow has run for the user yet'),
  userId: z.string(),
  customerId: z.string().nullable(),
  phase: z.enum(['ACTIVE', 'QUARANTINED', 'PURGED']),
  terminatedAt: instant,
  purgeDueAt: instant.describe('When the personal data will be purged; pushed back by time spent on hold'),
  remainingMs: z.number().nullable().describe('Quarantine time left; frozen while on hold'),
  hold: hold.nullable(),
  erasureRequestedAt: instant,
  purging: z.boolean(),
  purgedAt: instant,
  purgeRule: z.string().nullable(),
  evidenceId: z.string().nullable(),
  policyVersion: z.string(),
  quarantine: z.string().describe('The quarantine duration in force (ISO-8601)'),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const reportMatchesService: Same<z.infer<typeof lifecycleReport>, LifecycleReport> = true;
void reportMatchesService;
