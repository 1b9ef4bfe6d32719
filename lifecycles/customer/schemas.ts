// The customer's input and lifecycle report as schemas: the API validates with them and documents
// them (OpenAPI), and a type check keeps the report schema exactly the service's report type.
import { z } from 'zod';
import { CustomerStatus } from '../../generated/prisma/enums';
import {
  CONTROL_CHARACTER_MESSAGE,
  email,
  hold,
  instant,
  opaqueId,
  phone,
  shortText,
  withoutControlCharacters,
  type Exactly,
} from '../shared/fields';
import { CUSTOMER_EVENT_KINDS, CUSTOMER_PHASES, type CustomerLifecycleReport } from './contract';

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

export const provisionedCustomer = z.object({
  id: opaqueId,
  status: z.enum(CustomerStatus),
  lifecycleStarted: z.boolean().describe('False when Temporal could not be reached: the daily reconciliation starts the lifecycle'),
});

/** Documents the customer lifecycle view; the type check below keeps it in step with the service's type. */
export const customerLifecycleReport = z.strictObject({
  workflowId: z.string().nullable().describe('null when no lifecycle workflow has run for the customer yet'),
  customerId: z.string(),
  phase: z.enum(CUSTOMER_PHASES),
  endedAt: instant,
  terminationReason: z.string().nullable(),
  crmAnonymiseDueAt: instant.describe(
    'End of the relationship + RETENTION_CRM_ANONYMISE (the end of the «within 3 years» window), never past the cap',
  ),
  erpAnonymiseDueAt: instant.describe(
    'With the CRM step; under a legal duty (RETENTION_ERP_LEGAL_DUTY) the end of the relationship + RETENTION_ERP_MAX, never past the cap',
  ),
  capAt: instant.describe("The notice's absolute limit: end of the relationship + 5 years"),
  ruleInForce: z
    .enum(['crm.anonymise', 'crm.erasure', 'erp.cap'])
    .describe('The rule the next (once closed, the last) anonymisation step runs under'),
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
    .describe("Progress of the cascade to the customer's users, page by page in user-ID order"),
  anonymising: z.boolean(),
  crmAnonymisedAt: instant,
  crmEvidenceId: z.string().nullable(),
  erpAnonymisedAt: instant,
  erpEvidenceId: z.string().nullable(),
  restoredAt: instant,
  events: z.array(
    z.object({
      at: z.iso.datetime(),
      kind: z.enum(CUSTOMER_EVENT_KINDS),
      detail: z.string().nullable(),
    }),
  ),
  policyVersion: z.string(),
});

const reportIsTheServiceType: Exactly<z.infer<typeof customerLifecycleReport>, CustomerLifecycleReport> = true;
void reportIsTheServiceType;

/** How the service API documents the customer's routes (api/openapi.ts). */
export const customerApiDocs = {
  names: { provisioning: 'CustomerProvisioning', provisioned: 'ProvisionedCustomer', report: 'CustomerLifecycleReport' },
  provision: { summary: 'Create or replace a customer', description: 'Absent optional fields are cleared.' },
  terminate: {
    summary: 'Report that the customer relationship has ended',
    description:
      'Every user of the customer enters its own lifecycle with this termination time; CRM data is anonymised at the end + ' +
      'RETENTION_CRM_ANONYMISE (3 years), ERP data at the end + RETENTION_ERP_MAX, never later than 5 years. Idempotent; ' +
      'a repeated report with an earlier time moves the dates earlier.',
  },
  restore: {
    summary: 'The customer came back during retention',
    description:
      "ACTIVE again, pending anonymisation cancelled; users terminated only by the customer's end are restored, purged users stay purged. 409 once CRM data is anonymised.",
  },
  erase: {
    summary: 'Request erasure (GDPR art. 17)',
    description:
      'Accepted: CRM data is anonymised and every user erased without waiting; ERP bookkeeping data stays until its cap (art. 17(3)(b)).',
  },
  hold: {
    summary: 'Place a legal hold',
    description:
      'CRM/ERP anonymisation waits while the hold lasts (users keep their own lifecycles); past the cap the lifecycle shows heldPastCap.',
  },
  release: { summary: 'Release the legal hold', description: 'Anything already due runs at once.' },
  lifecycle: {
    summary: "The customer relationship's lifecycle",
    description: 'Phase, due dates, cascade progress, hold, events and evidence.',
  },
  report: "The customer relationship's lifecycle",
};
