// Which subject fields each role may read. Auditors check that the pipeline did its work; they see
// IDs, statuses and times, never a person's data. Enforced here, in the API: the UI only follows.
import type { Role } from '../../config/env';

export const USER_FIELDS = {
  auditor: { id: true, status: true, customerId: true, deactivatedAt: true, purgedAt: true, createdAt: true, updatedAt: true },
  personal: { username: true, firstName: true, lastName: true, email: true, phone: true },
} as const;

export const CUSTOMER_FIELDS = {
  auditor: { id: true, type: true, status: true, endedAt: true, anonymisedAt: true, createdAt: true, updatedAt: true },
  personal: { name: true, email: true, phone: true, address: true },
} as const;

export function selectFor<A extends object, P extends object>(role: Role, fields: { auditor: A; personal: P }): A & Partial<P> {
  return role === 'admin' ? { ...fields.auditor, ...fields.personal } : fields.auditor;
}
