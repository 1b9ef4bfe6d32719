// The contact person's input, departure and lifecycle report as schemas: the API validates with
// them and documents them (OpenAPI), and a type check keeps the report schema exactly the service's.
import { z } from 'zod';
import { email, hold, instant, opaqueId, pastInstant, phone, shortText, type Exactly } from '../shared/fields';
import { CONTACT_EVENT_KINDS, CONTACT_PHASES, DEPARTURE_REASONS, type ContactLifecycleReport } from './contract';

export const contactProvisioning = z.strictObject({
  firstName: shortText(),
  lastName: shortText(),
  email: email.optional(),
  phone: phone.optional(),
  role: shortText().optional().describe('The function at the customer (e.g. IT contact); kept when the person is anonymised'),
});

export type ContactProvisioning = z.output<typeof contactProvisioning>;

export const CONTACT_STATUSES = ['active', 'departed', 'anonymised'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

export const provisionedContact = z.object({
  id: opaqueId,
  status: z.enum(CONTACT_STATUSES),
  lifecycleStarted: z
    .boolean()
    .describe("False: a contact's own lifecycle starts at its departure; until then the customer's lifecycle covers it"),
});

/** The departure: when (default now) and why, as a code; no free text reaches history or evidence. */
export const departureRequest = z.strictObject({
  departedAt: pastInstant
    .optional()
    .describe(
      "When the contact left the customer (the contact's retention counts from it). Defaults to now; at most 5 minutes in the future.",
    ),
  reasonCode: z
    .enum(DEPARTURE_REASONS, {
      error: (issue) => (issue.input === undefined ? 'is required' : `must be one of ${DEPARTURE_REASONS.join(', ')}`),
    })
    .describe('Why the contact left, as a code: no free text reaches workflow history or evidence'),
});

export type DepartureRequest = z.output<typeof departureRequest>;

/** Documents the contact lifecycle view; the type check below keeps it in step with the service's type. */
export const contactLifecycleReport = z.strictObject({
  workflowId: z.string().nullable().describe('null while the contact has no lifecycle of its own (it has not departed)'),
  contactId: z.string(),
  customerId: z.string().nullable(),
  phase: z.enum(CONTACT_PHASES),
  departedAt: instant,
  departureReason: z.string().nullable(),
  anonymiseDueAt: instant.describe('Departure + RETENTION_CONTACT, aimed the safety margin before «innen 3 år»; at once on erasure'),
  nextDueAt: instant.describe('The anonymisation; null while on hold or when nothing is pending'),
  hold: hold.nullable(),
  erasureRequestedAt: instant,
  anonymising: z.boolean(),
  anonymisedAt: instant,
  evidenceId: z.string().nullable(),
  restoredAt: instant,
  events: z.array(z.object({ at: z.iso.datetime(), kind: z.enum(CONTACT_EVENT_KINDS), detail: z.string().nullable() })),
  policyVersion: z.string(),
});

const reportIsTheServiceType: Exactly<z.infer<typeof contactLifecycleReport>, ContactLifecycleReport> = true;
void reportIsTheServiceType;

/** How the service API documents the contact's routes (api/openapi.ts). */
export const contactApiDocs = {
  names: { provisioning: 'ContactProvisioning', provisioned: 'ProvisionedContact', report: 'ContactLifecycleReport' },
  provision: {
    summary: "Create or replace one of a customer's contact persons",
    description:
      "Absent optional fields are cleared. 404 for an unknown customer; 409 once the customer's relationship has ended (its lifecycle covers its contacts), for a departed or anonymised contact, or for a contact ID of another customer.",
  },
  terminate: {
    summary: 'Report that the contact person has left the customer',
    description:
      "Starts the contact's own lifecycle: the contact, CRM activities with the contact and support cases the contact raised are anonymised at the departure + RETENTION_CONTACT (at most 3 years). 409 if the contact has already departed, or once the customer's relationship has ended (the customer's lifecycle covers every contact then).",
  },
  restore: {
    summary: 'The contact came back (or the departure was reported in error)',
    description: 'Active again, the pending anonymisation cancelled. 409 once anonymised or with an erasure pending.',
  },
  erase: { summary: 'Request erasure (GDPR art. 17)', description: "Accepted: the contact's data is anonymised without waiting." },
  hold: { summary: 'Place a legal hold', description: 'The anonymisation waits while the hold lasts; its date does not move.' },
  release: { summary: 'Release the legal hold', description: 'Anything already due runs at once.' },
  lifecycle: { summary: "The contact person's lifecycle", description: 'Phase, departure, due date, hold, events and evidence.' },
  report: "The contact person's lifecycle",
};
