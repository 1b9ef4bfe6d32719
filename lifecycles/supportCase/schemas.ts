// A support case's intake, closure and lifecycle report as schemas: the API validates with them and
// documents them (OpenAPI), and a type check keeps the report schema exactly the service's type.
import { z } from 'zod';
import {
  CONTROL_CHARACTER_MESSAGE,
  email,
  hold,
  instant,
  opaqueId,
  phone,
  reason,
  shortText,
  terminationRequest,
  withoutControlCharacters,
  type Exactly,
} from '../shared/fields';
import { SUPPORT_CASE_EVENT_KINDS, SUPPORT_CASE_PHASES, type SupportCaseLifecycleReport } from './contract';
import { REDACTION_TYPES } from './intake';

const details = { name: shortText().optional(), email: email.optional(), phone: phone.optional() };
const subjectId = (who: string) => opaqueId.describe(`The ${who}'s opaque ID`);

/** Who asked: a subject NITD knows by ID, or someone from outside, known only by what the case says. */
export const requester = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('user'), id: subjectId('user account'), ...details }),
  z.strictObject({ kind: z.literal('contact'), id: subjectId('contact person'), ...details }),
  z.strictObject({ kind: z.literal('customer'), id: subjectId('customer'), ...details }),
  z
    .strictObject({ kind: z.literal('external'), ...details })
    .describe(
      'Someone with no account, contact or customer record: the case gets its own lifecycle (RETENTION_SUPPORT_CASE after closure)',
    ),
]);

const caseText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine(withoutControlCharacters, CONTROL_CHARACTER_MESSAGE);

export const supportCaseIntake = z.strictObject({
  customerId: opaqueId.optional().describe('The customer the case concerns'),
  requester,
  subject: caseText(200).describe('Free text; identity numbers, bank accounts, card numbers and passwords are removed at intake'),
  description: caseText(10_000).describe('Free text; identity numbers, bank accounts, card numbers and passwords are removed at intake'),
});
export type SupportCaseIntake = z.output<typeof supportCaseIntake>;

export const redactions = z
  .array(z.object({ type: z.enum(REDACTION_TYPES), count: z.number().int().positive() }))
  .describe('What the intake filter removed from subject and description, by type and count (never the value)');

export const createdSupportCase = z.object({ id: opaqueId, redactions });

export const provisionedSupportCase = z.object({
  id: opaqueId,
  status: z.enum(['open', 'closed']),
  lifecycleStarted: z.boolean().describe("False when Temporal could not be reached (outside requesters' cases only)"),
});

export const closureRequest = z.strictObject({
  closedAt: terminationRequest.shape.terminatedAt.describe('When the case was closed (retention counts from it). Defaults to now.'),
  reason: reason.optional(),
});

export const closedSupportCase = z.object({
  id: opaqueId,
  status: z.literal('closed'),
  closedAt: z.iso.datetime(),
  requesterKind: z.enum(['user', 'contact', 'customer', 'external']),
  eraseDueAt: instant.describe(
    "When the outside requester's details are erased; null when the requester's own lifecycle (user, contact, customer) ends them, or they are gone",
  ),
});

export const supportCaseLifecycleReport = z.strictObject({
  workflowId: z.string().nullable().describe('null when no lifecycle workflow has run for the case'),
  caseId: z.string(),
  customerId: z.string().nullable(),
  phase: z.enum(SUPPORT_CASE_PHASES),
  closedAt: instant,
  eraseDueAt: instant.describe('Closure + RETENTION_SUPPORT_CASE, within 3 years less the safety margin; sooner on an erasure request'),
  nextDueAt: instant.describe('The erasure; null while on hold'),
  hold: hold.nullable(),
  erasureRequestedAt: instant,
  erasing: z.boolean(),
  erasedAt: instant,
  erasureRule: z.enum(['support.retention', 'support.erasure']).nullable(),
  evidenceId: z.string().nullable(),
  reopenedAt: instant,
  events: z.array(z.object({ at: z.iso.datetime(), kind: z.enum(SUPPORT_CASE_EVENT_KINDS), detail: z.string().nullable() })),
  policyVersion: z.string(),
});

const reportIsTheServiceType: Exactly<z.infer<typeof supportCaseLifecycleReport>, SupportCaseLifecycleReport> = true;
void reportIsTheServiceType;

/** How the service API documents the support case's lifecycle routes (api/openapi.ts). */
export const supportCaseApiDocs = {
  names: { provisioning: 'SupportCaseIntake', provisioned: 'ProvisionedSupportCase', report: 'SupportCaseLifecycleReport' },
  provision: {
    summary: 'Record a support case under the caller’s own ID',
    description: 'As POST /api/v1/support-cases, with an ID chosen by the caller; 409 once the requester has been erased.',
    notFound: 'the user, contact or customer named as requester, or the customerId, does not exist',
  },
  terminate: {
    summary: 'Close the case (the same as /closure)',
    description: "An outside requester's details are erased at closure + RETENTION_SUPPORT_CASE. Outside requesters' cases only.",
  },
  restore: { summary: 'Reopen a closed case', description: 'The erasure is called off until the case is closed again. 409 once erased.' },
  erase: {
    summary: 'Request erasure (GDPR art. 17)',
    description: "The requester's details and the personal data in the text go at once.",
  },
  hold: { summary: 'Place a legal hold', description: 'The erasure waits while the hold lasts.' },
  release: { summary: 'Release the legal hold', description: 'An erasure already due runs at once.' },
  lifecycle: { summary: "The case's lifecycle", description: 'Phase, closure, the erasure date, hold, events and evidence.' },
  report: "The case's lifecycle",
};
