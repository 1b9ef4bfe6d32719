// A prospect's input, contact, conversion and lifecycle report as schemas: the API validates with
// them and documents them (OpenAPI), and a type check keeps the report schema exactly the service's type.
import { z } from 'zod';
import { email, hold, instant, opaqueId, phone, shortText, type Exactly } from '../shared/fields';
import { PROSPECT_EVENT_KINDS, PROSPECT_PHASES, type ProspectLifecycleReport } from './contract';

const FUTURE_TOLERANCE_MS = 5 * 60_000; // clock skew between the caller and us
const EARLIEST = Date.parse('2000-01-01T00:00:00Z');

/** A time that has happened (at most 5 minutes ahead), in one spelling. */
const pastInstant = (what: string) =>
  z.iso
    .datetime({ offset: true, message: 'must be an ISO-8601 date-time with a UTC offset, e.g. 2026-01-31T17:00:00+01:00' })
    .refine((s) => !(Date.parse(s) > Date.now() + FUTURE_TOLERANCE_MS), `must not be in the future: report ${what} when it has happened`)
    .refine((s) => !(Date.parse(s) < EARLIEST), 'must not be before 2000-01-01')
    .transform((s) => new Date(s).toISOString());

export const prospectProvisioning = z.strictObject({
  name: shortText(),
  type: z.enum(['business', 'private']),
  email: email.optional(),
  phone: phone.optional(),
  address: shortText(500).optional(),
  lastContactAt: pastInstant('a contact')
    .optional()
    .describe('The last contact with the prospect: RETENTION_PROSPECT counts from it (from the registration when absent)'),
});
export type ProspectProvisioning = z.output<typeof prospectProvisioning>;

export const provisionedProspect = z.object({
  id: opaqueId,
  status: z.enum(['active', 'converted', 'anonymised']),
  lifecycleStarted: z.boolean().describe('False when Temporal could not be reached: the daily reconciliation starts the lifecycle'),
});

export const contactRequest = z.strictObject({
  contactedAt: pastInstant('a contact').optional().describe('When NITD was in contact with the prospect. Defaults to now.'),
});

export const conversionRequest = z.strictObject({
  customerId: opaqueId.describe('The customer the prospect has become; its lifecycle holds the data from now on'),
});

export const prospectLifecycleReport = z.strictObject({
  workflowId: z.string().nullable().describe('null when no lifecycle workflow has run for the prospect'),
  prospectId: z.string(),
  customerId: z.string().nullable().describe('The customer the prospect became, once converted'),
  phase: z.enum(PROSPECT_PHASES),
  lastContactAt: instant,
  endedAt: instant,
  anonymiseDueAt: instant.describe(
    'The last contact + RETENTION_PROSPECT, within 5 years less the safety margin; sooner on an erasure request',
  ),
  nextDueAt: instant.describe('The anonymisation; null while on hold'),
  hold: hold.nullable(),
  erasureRequestedAt: instant,
  erasing: z.boolean(),
  anonymisedAt: instant,
  anonymisationRule: z.enum(['prospect.anonymise', 'prospect.erasure']).nullable(),
  convertedAt: instant,
  evidenceId: z.string().nullable(),
  events: z.array(z.object({ at: z.iso.datetime(), kind: z.enum(PROSPECT_EVENT_KINDS), detail: z.string().nullable() })),
  policyVersion: z.string(),
});

const reportIsTheServiceType: Exactly<z.infer<typeof prospectLifecycleReport>, ProspectLifecycleReport> = true;
void reportIsTheServiceType;

/** How the service API documents the prospect's lifecycle routes (api/openapi.ts). */
export const prospectApiDocs = {
  names: { provisioning: 'ProspectProvisioning', provisioned: 'ProvisionedProspect', report: 'ProspectLifecycleReport' },
  provision: {
    summary: 'Create or replace a prospect',
    description: 'Absent optional fields are cleared; a later lastContactAt restarts the clock. 409 once converted or anonymised.',
  },
  terminate: {
    summary: 'Report that NITD no longer pursues the prospect',
    description: 'Recorded; the clock is unchanged: the data is anonymised at the last contact + RETENTION_PROSPECT (at most 5 years).',
  },
  restore: { summary: 'Pursue the prospect again', description: 'Back to ACTIVE. 409 once converted or anonymised.' },
  erase: { summary: 'Request erasure (GDPR art. 17)', description: "The prospect's name and contact details are anonymised at once." },
  hold: { summary: 'Place a legal hold', description: 'The anonymisation (and any conversion) waits while the hold lasts.' },
  release: { summary: 'Release the legal hold', description: 'An anonymisation already due runs at once.' },
  lifecycle: {
    summary: "The prospect's lifecycle",
    description: 'Phase, last contact, the anonymisation date, hold, events and evidence.',
  },
  report: "The prospect's lifecycle",
};
