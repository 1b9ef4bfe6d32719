// Customer provisioning: the calling systems keep NITD's customer register in step with theirs.
import type { Db } from '../../db/client';
import type { CustomerStatus } from '../../generated/prisma/enums';
import { ConflictError } from '../errors';
import type { CustomerProvisioning } from './schemas';

export function createCustomerService(db: Db) {
  return {
    async provision(customerId: string, input: CustomerProvisioning): Promise<{ created: boolean; status: CustomerStatus }> {
      const existing = await db.customer.findUnique({ where: { id: customerId }, select: { status: true } });
      // Writing personal data back into an anonymised customer would undo the anonymisation.
      if (existing?.status === 'anonymised' || existing?.status === 'closed') {
        throw new ConflictError(`customer ${customerId} has been ${existing.status}; customer IDs are not reused`);
      }
      // Absent optional fields are cleared, not kept: the caller's record is the source of truth.
      const data = { type: input.type, name: input.name, address: input.address ?? null, email: input.email ?? null, phone: input.phone ?? null };
      const { status } = await db.customer.upsert({ where: { id: customerId }, create: { id: customerId, ...data }, update: data, select: { status: true } });
      return { created: !existing, status };
    },
  };
}

export type CustomerService = ReturnType<typeof createCustomerService>;
