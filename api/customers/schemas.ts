// Request and response schemas of the customer routes; validation and the OpenAPI document use these.
import { z } from 'zod';
import { CustomerStatus } from '../../generated/prisma/enums';
import { CONTROL_CHARACTER_MESSAGE, email, opaqueId, phone, shortText, withoutControlCharacters } from '../schemas';
import type { CustomerLifecycleReport } from './lifecycleService';

export const customerParams = z.strictObject({ customerId: opaqueId });

const contact = {
  name: shortText(),
  email: email.optional(),
  phone: phone.optional(),
};

const privateAddress = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required for a private customer' : 'must be a string') })
  .trim()
  .min(1, 'is required for a private customer')
  .max(500, 'must be at most 500 characters')
  .refine(withoutControlCharacters, CONTROL_CHARACTER_MESSAGE);

// A union on `type` rather than a refinement, so the document states the rule as well: a private
// customer's address is needed for invoicing, a business's is not personal data kept here.
export const customerProvisioning = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('business'), ...contact, address: shortText(500).optional() }),
  z.strictObject({ type: z.literal('private'), ...contact, address: privateAddress }),
]);

export type CustomerProvisioning = z.output<typeof customerProvisioning>;

export const provisionedCustomer = z.object({ id: opaqueId, status: z.enum(CustomerStatus) });

// The lifecycle requests are the user routes' own: same field rules, one definition.
export { optionalReasonRequest, reasonRequest, terminationRequest } from '../users/schemas';

const instant = z.iso.datetime().nullable();
const hold = z.object({ reason: z.string(), since: z.iso.datetime() });

/** Documents the customer lifecycle view; the type check below keeps it in step with the service's type. */
export const customerLifecycleReport = z.object({
  workflowId: z.string().nullable().describe('null when no lifecycle workflow has run for the customer yet'),
  customerId: z.string(),
  phase: z.enum(['ACTIVE', 'ENDED', 'CRM_ANONYMISED', 'CLOSED']),
  endedAt: instant,
  terminationReason: z.string().nullable(),
  crmAnonymiseDueAt: instant.describe('End of the relationship + RETENTION_CRM_ANONYMISE (the end of the «within 3 years» window), never past the cap'),
  erpAnonymiseDueAt: instant.describe('End of the relationship + RETENTION_ERP_MAX, never past the cap'),
  capAt: instant.describe('The notice\'s absolute limit: end of the relationship + 5 years'),
  nextDueAt: instant.describe('The next anonymisation; null while on hold'),
  hold: hold.nullable(),
  heldPastCap: z.boolean().describe('True when a legal hold keeps data past the cap'),
  heldPastCapReason: z.string().nullable(),
  erasureRequestedAt: instant,
  cascade: z
    .object({
      action: z.enum(['terminate', 'restore', 'erase']),
      generation: z.number(),
      terminatedAt: instant,
      reason: z.string().nullable(),
      usersDone: z.number(),
      usersSkipped: z.number(),
      lastUserId: z.string().nullable(),
      done: z.boolean(),
      finishedAt: instant,
    })
    .nullable()
    .describe('Progress of the cascade to the customer\'s users, page by page in user-ID order'),
  anonymising: z.boolean(),
  crmAnonymisedAt: instant,
  crmEvidenceId: z.string().nullable(),
  erpAnonymisedAt: instant,
  erpEvidenceId: z.string().nullable(),
  restoredAt: instant,
  events: z.array(
    z.object({
      at: z.iso.datetime(),
      kind: z.enum(['terminated', 'restored', 'erasure-requested', 'hold-placed', 'hold-released', 'held-past-cap', 'crm-anonymised', 'erp-anonymised', 'cascade-finished']),
      detail: z.string().nullable(),
    }),
  ),
  policyVersion: z.string(),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const reportMatchesService: Same<z.infer<typeof customerLifecycleReport>, CustomerLifecycleReport> = true;
void reportMatchesService;
