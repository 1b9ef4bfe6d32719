// The contact person's subject service: provisioning keeps a customer's contacts in step with the
// calling CRM, under the customer (PUT …/customers/{id}/contacts/{contactId}); the departure starts
// the contact's own lifecycle, but only while the customer is active (once the relationship has
// ended, the customer's lifecycle covers every contact). An anonymised contact is answered from the
// ledger.
import type { Db } from '../../db/client';
import { createLifecycleClient, type LifecycleClientDeps } from '../client';
import { ConflictError, NotFoundError } from '../errors';
import type { Provisioned } from '../registration';
import { createLifecycleService, type SubjectRecords } from '../service';
import type { ContactLifecycleReport } from './contract';
import { contactKind } from './kind';
import { initialState, view } from './rules';
import type { ContactProvisioning, ContactStatus } from './schemas';
import { contactSubjects } from './subjects';

const statusOf = (c: { departedAt: Date | null; anonymisedAt: Date | null }): ContactStatus =>
  c.anonymisedAt ? 'anonymised' : c.departedAt ? 'departed' : 'active';

export function createContactService(db: Db, deps: LifecycleClientDeps) {
  const { policy } = deps;
  const idleReport = (contactId: string, customerId: string | null, phase: ContactLifecycleReport['phase']): ContactLifecycleReport => ({
    ...view(initialState({ contactId, customerId, policy })),
    workflowId: null,
    phase,
  });
  const records: SubjectRecords<ContactLifecycleReport> = {
    noun: 'contact',
    finalRefusal: "the contact's data has already been anonymised",
    runsPastFinal: false,
    table: contactSubjects(db),
    /** An anonymised contact: its own lifecycle's record, or the customer's CRM step that covered it. */
    async finalReport(contactId) {
      const c = await db.contactPerson.findUniqueOrThrow({
        where: { id: contactId },
        select: { customerId: true, departedAt: true, departureReason: true, anonymisedAt: true },
      });
      const own = await db.evidence.findFirst({ where: { subjectKind: 'contact', subjectId: contactId }, orderBy: { seq: 'asc' } });
      return {
        ...idleReport(contactId, c.customerId, 'ANONYMISED'),
        workflowId: own?.workflowId ?? null,
        departedAt: c.departedAt?.toISOString() ?? null,
        departureReason: c.departureReason,
        anonymisedAt: (own?.finishedAt ?? c.anonymisedAt)?.toISOString() ?? null,
        evidenceId: own?.id ?? null,
        policyVersion: own?.policyVersion ?? policy.version,
      };
    },
    idleReport: (contactId, s) => ({
      ...idleReport(contactId, s.customerId, s.active ? 'ACTIVE' : 'DEPARTED'),
      departedAt: s.endedAt?.toISOString() ?? null,
    }),
  };
  const client = createLifecycleClient(contactKind, deps);
  const lifecycle = createLifecycleService(client, contactKind.updates, records);

  /** The customer must be active: once it has ended, its own lifecycle covers its contacts. */
  async function activeCustomer(customerId: string): Promise<void> {
    const customer = await db.customer.findUnique({ where: { id: customerId }, select: { status: true } });
    if (!customer) throw new NotFoundError(`customer ${customerId} not found`);
    if (customer.status !== 'active') {
      throw new ConflictError(`customer ${customerId} has ended (${customer.status}): the customer's lifecycle covers its contacts`);
    }
  }

  return {
    ...lifecycle,

    /** True when the contact is one of this customer's (routes under another customer answer 404). */
    async belongsTo(contactId: string, customerId: string): Promise<boolean> {
      const c = await db.contactPerson.findUnique({ where: { id: contactId }, select: { customerId: true } });
      return c?.customerId === customerId;
    },

    async provision(contactId: string, input: ContactProvisioning, customerId: string): Promise<Provisioned<ContactStatus>> {
      await activeCustomer(customerId);
      const existing = await db.contactPerson.findUnique({
        where: { id: contactId },
        select: { customerId: true, departedAt: true, anonymisedAt: true },
      });
      if (existing && existing.customerId !== customerId) throw new ConflictError(`contact ${contactId} belongs to another customer`);
      // Writing personal data back into an anonymised contact would undo the anonymisation; a departed
      // one's clock is running on what it held (restore it first if it came back).
      if (existing && statusOf(existing) !== 'active') {
        throw new ConflictError(`contact ${contactId} has ${statusOf(existing)}; restore a departed contact before changing it`);
      }
      // Absent optional fields are cleared, not kept: the caller's record is the source of truth.
      // An edit is a use of the contact: the 5-year ageing (crm.ageing) counts from it.
      const data = {
        ...input,
        email: input.email ?? null,
        phone: input.phone ?? null,
        role: input.role ?? null,
        lastTouchedAt: new Date(),
      };
      await db.contactPerson.upsert({ where: { id: contactId }, create: { id: contactId, customerId, ...data }, update: data });
      return { created: !existing, status: 'active', lifecycleStarted: false };
    },

    /** The departure: 409 if already departed or anonymised, or once the customer's relationship has ended. */
    async terminate(contactId: string, departedAt: string, reason: string | undefined): Promise<unknown> {
      const c = await db.contactPerson.findUnique({
        where: { id: contactId },
        select: { customerId: true, departedAt: true, anonymisedAt: true },
      });
      if (!c) throw new NotFoundError(`contact ${contactId} not found`);
      if (c.anonymisedAt) throw new ConflictError(`contact ${contactId} has been anonymised`);
      if (c.departedAt) throw new ConflictError(`contact ${contactId} has already departed (${c.departedAt.toISOString()})`);
      await activeCustomer(c.customerId);
      return lifecycle.terminate(contactId, departedAt, reason);
    },
  };
}

export type ContactService = ReturnType<typeof createContactService>;
