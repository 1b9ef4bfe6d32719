// The user's input and lifecycle report as schemas: the API validates with them and documents
// them (OpenAPI), and a type check keeps the report schema exactly the service's report type.
import { z } from 'zod';
import { UserStatus } from '../../generated/prisma/enums';
import { email, hold, instant, opaqueId, phone, shortText, type Exactly } from '../shared/fields';
import { USER_PHASES, type UserLifecycleReport } from './contract';

export const userProvisioning = z.strictObject({
  customerId: opaqueId,
  username: shortText(100),
  firstName: shortText(),
  lastName: shortText(),
  email,
  phone,
});

export type UserProvisioning = z.output<typeof userProvisioning>;

export const provisionedUser = z.object({
  id: opaqueId,
  status: z.enum(UserStatus),
  lifecycleStarted: z.boolean().describe('False when Temporal could not be reached: the daily reconciliation starts the lifecycle'),
});

const verificationStatus = z.object({
  ok: z.boolean(),
  attempts: z.number(),
  checkedAt: z.iso.datetime(),
  failed: z
    .array(z.object({ store: z.string(), check: z.string(), found: z.number() }))
    .describe('Checks that found something; counts only'),
  evidenceId: z.string().nullable(),
});

export const lifecycleReport = z.strictObject({
  workflowId: z.string().nullable().describe('null when no lifecycle workflow has run for the user yet'),
  userId: z.string(),
  customerId: z.string().nullable(),
  phase: z.enum(USER_PHASES),
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
  verificationFailed: z
    .boolean()
    .optional()
    .describe('True while the post-purge verification found something left: the lifecycle stays open'),
  verification: verificationStatus.nullable().optional().describe('The post-purge verification, once it has run'),
});

const reportIsTheServiceType: Exactly<z.infer<typeof lifecycleReport>, UserLifecycleReport> = true;
void reportIsTheServiceType;

/** How the service API documents the user's routes (api/openapi.ts). */
export const userApiDocs = {
  names: { provisioning: 'UserProvisioning', provisioned: 'ProvisionedUser', report: 'LifecycleReport' },
  provision: {
    summary: 'Create or replace a user account',
    description:
      'The customer must exist (400 naming customerId otherwise) and be active: under a customer that has ended, none can be created or moved (409). ' +
      'A user ID is never reused (409) once it has been purged, even if its account row is gone.',
  },
  terminate: {
    summary: 'Report that the user has left',
    description: 'Deactivates the account at once and starts the quarantine; idempotent.',
  },
  restore: { summary: 'Undo a termination during quarantine', description: 'Reactivates the account.' },
  erase: { summary: 'Request erasure (GDPR art. 17)', description: 'Accepted: the purge runs without waiting for the quarantine.' },
  hold: { summary: 'Place a legal hold', description: 'The purge waits while the hold lasts; the time held is added to the deadline.' },
  release: { summary: 'Release the legal hold', description: 'The quarantine clock runs again.' },
  lifecycle: { summary: "The user's lifecycle", description: 'Phase, deadlines, hold and evidence of the purge.' },
  report: "The user's lifecycle",
};
