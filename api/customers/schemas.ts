// Request and response schemas of the customer routes; validation and the OpenAPI document use these.
import { z } from 'zod';
import { CustomerStatus } from '../../generated/prisma/enums';
import { email, opaqueId, phone, shortText } from '../schemas';

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
  .max(500, 'must be at most 500 characters');

// A union on `type` rather than a refinement, so the document states the rule as well: a private
// customer's address is needed for invoicing, a business's is not personal data kept here.
export const customerProvisioning = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('business'), ...contact, address: shortText(500).optional() }),
  z.strictObject({ type: z.literal('private'), ...contact, address: privateAddress }),
]);

export type CustomerProvisioning = z.output<typeof customerProvisioning>;

export const provisionedCustomer = z.object({ id: opaqueId, status: z.enum(CustomerStatus) });
