// The support-case service: intake (the filter, then the row, then for an outside requester its
// lifecycle), closure for every case, and the lifecycle actions over lifecycles/service.ts for
// outside requesters' cases. A case's people are tied to the subject whose lifecycle ends them.
import type { Db } from '../../db/client';
import { createLifecycleClient, type LifecycleClientDeps } from '../client';
import { ConflictError, InputError, NotFoundError } from '../errors';
import type { Provisioned } from '../registration';
import { createLifecycleService, startOnProvisioning, type SubjectRecords } from '../service';
import { supportCaseWorkflowId, type SupportCaseLifecycleReport } from './contract';
import { filterIntake, mergeRedactions, type Redaction } from './intake';
import { supportCaseKind } from './kind';
import { initialState, view } from './rules';
import type { SupportCaseIntake } from './schemas';
import { supportCaseSubjects } from './subjects';

type Requester = SupportCaseIntake['requester'];

export interface ClosedSupportCase {
  id: string;
  status: 'closed';
  closedAt: string;
  requesterKind: Requester['kind'];
  eraseDueAt: string | null;
}

export function createSupportCaseService(db: Db, deps: LifecycleClientDeps) {
  const { policy } = deps;
  const table = supportCaseSubjects(db);
  const idleReport = (caseId: string, customerId: string | null, closedAt: Date | null | undefined): SupportCaseLifecycleReport => {
    const state = initialState({ caseId, customerId, policy });
    if (closedAt) Object.assign(state, { phase: 'CLOSED', closedAt: closedAt.toISOString() });
    return { ...view(state), workflowId: null };
  };
  const records: SubjectRecords<SupportCaseLifecycleReport> = {
    noun: 'support case',
    finalRefusal: "the requester's details have already been erased",
    runsPastFinal: false,
    table,
    async finalReport(caseId) {
      const c = await db.supportCase.findUniqueOrThrow({ where: { id: caseId }, select: { customerId: true, closedAt: true } });
      const erased = await db.evidence.findFirst({ where: { subjectKind: 'supportCase', subjectId: caseId }, orderBy: { seq: 'desc' } });
      return {
        ...idleReport(caseId, c.customerId, c.closedAt),
        workflowId: erased?.workflowId ?? supportCaseWorkflowId(caseId),
        phase: 'ERASED',
        eraseDueAt: null,
        nextDueAt: null,
        erasedAt: erased?.finishedAt.toISOString() ?? null,
        erasureRule: erased?.rule === 'support.erasure' ? 'support.erasure' : 'support.retention',
        evidenceId: erased?.id ?? null,
        policyVersion: erased?.policyVersion ?? policy.version,
      };
    },
    idleReport: (caseId, subject) => idleReport(caseId, subject.customerId, subject.endedAt),
  };
  const client = createLifecycleClient(supportCaseKind, deps);
  const lifecycle = createLifecycleService(client, supportCaseKind.updates, records);

  /** The subject behind the requester, checked: the case links to it and its lifecycle ends the case's people. */
  async function links(
    input: SupportCaseIntake,
  ): Promise<{ requesterId: string | null; contactId: string | null; customerId: string | null }> {
    const r: Requester = input.requester;
    const sameCustomer = (owner: string | null) => {
      if (input.customerId && owner && input.customerId !== owner) {
        throw new InputError('customerId', `must be the requester's own customer (${owner}) or left out`);
      }
    };
    if (r.kind === 'user') {
      const user = await db.userAccount.findUnique({ where: { id: r.id }, select: { status: true, customerId: true } });
      if (!user) throw new NotFoundError(`requester.id: user ${r.id} not found`);
      if (user.status === 'purged') throw new ConflictError(`requester.id: user ${r.id} has been purged`);
      sameCustomer(user.customerId);
      return { requesterId: r.id, contactId: null, customerId: input.customerId ?? user.customerId };
    }
    if (r.kind === 'contact') {
      const contact = await db.contactPerson.findUnique({ where: { id: r.id }, select: { customerId: true, anonymisedAt: true } });
      if (!contact) throw new NotFoundError(`requester.id: contact ${r.id} not found`);
      if (contact.anonymisedAt) throw new ConflictError(`requester.id: contact ${r.id} has been anonymised`);
      sameCustomer(contact.customerId);
      return { requesterId: null, contactId: r.id, customerId: contact.customerId };
    }
    const customerId = r.kind === 'customer' ? r.id : (input.customerId ?? null);
    if (r.kind === 'customer') sameCustomer(r.id);
    if (customerId) {
      const customer = await db.customer.findUnique({ where: { id: customerId }, select: { status: true } });
      const field = r.kind === 'customer' ? 'requester.id' : 'customerId';
      if (!customer) throw new NotFoundError(`${field}: customer ${customerId} not found`);
      if (r.kind === 'customer' && (customer.status === 'anonymised' || customer.status === 'closed')) {
        throw new ConflictError(`requester.id: customer ${customerId} has been ${customer.status}`);
      }
    }
    return { requesterId: null, contactId: null, customerId };
  }

  /** The row as intake writes it: filtered text, the requester's links and details, the counts. */
  async function intake(input: SupportCaseIntake) {
    const subject = filterIntake(input.subject);
    const description = filterIntake(input.description);
    const redactions = mergeRedactions(subject.redactions, description.redactions);
    const data = {
      requesterKind: input.requester.kind,
      ...(await links(input)),
      requesterName: input.requester.name ?? null,
      requesterEmail: input.requester.email ?? null,
      requesterPhone: input.requester.phone ?? null,
      subject: subject.text,
      description: description.text,
      intakeRedactions: redactions.map((r) => ({ ...r })),
    };
    return { data, redactions };
  }

  const startLifecycle = (c: { id: string; requesterKind: string; customerId: string | null }) =>
    c.requesterKind === 'external' ? startOnProvisioning(() => client.ensureStarted(c.id, c.customerId)) : Promise.resolve(true);

  return {
    ...lifecycle,

    /** POST /api/v1/support-cases: the ID is ours. */
    async create(input: SupportCaseIntake): Promise<{ id: string; redactions: Redaction[]; lifecycleStarted: boolean }> {
      const { data, redactions } = await intake(input);
      const created = await db.supportCase.create({ data: { ...data, category: 'general' }, select: { id: true } });
      const lifecycleStarted = await startLifecycle({ id: created.id, ...data });
      return { id: created.id, redactions, lifecycleStarted };
    },

    /** PUT /api/v1/support-cases/{id}: the caller's ID; a case keeps who asked, and an erased one stays erased. */
    async provision(caseId: string, input: SupportCaseIntake): Promise<Provisioned<'open' | 'closed'> & { redactions: Redaction[] }> {
      const existing = await db.supportCase.findUnique({ where: { id: caseId }, select: { requesterKind: true, requesterErasedAt: true } });
      if (existing?.requesterErasedAt)
        throw new ConflictError(`support case ${caseId}: the requester has been erased; case IDs are not reused`);
      if (existing && existing.requesterKind !== input.requester.kind) {
        throw new ConflictError(`support case ${caseId} was raised by a ${existing.requesterKind}; who asked does not change`);
      }
      const { data, redactions } = await intake(input);
      const { status } = await db.supportCase.upsert({
        where: { id: caseId },
        create: { id: caseId, ...data, category: 'general' },
        update: data,
        select: { status: true },
      });
      const lifecycleStarted = await startLifecycle({ id: caseId, ...data });
      return { created: !existing, status: status === 'closed' ? 'closed' : 'open', lifecycleStarted, redactions };
    },

    /**
     * Closure of any case. An outside requester's case closes through its lifecycle, which starts the
     * retention clock; any other case is closed on its row (its people go with their own subject).
     */
    async close(caseId: string, closedAt: string, reason: string | undefined): Promise<ClosedSupportCase> {
      const c = await db.supportCase.findUnique({ where: { id: caseId }, select: { requesterKind: true, requesterErasedAt: true } });
      if (!c) throw new NotFoundError(`support case ${caseId} not found`);
      let eraseDueAt: string | null = null;
      if (c.requesterKind === 'external' && !c.requesterErasedAt) {
        const answer = (await lifecycle.terminate(caseId, closedAt, reason)) as SupportCaseLifecycleReport;
        eraseDueAt = answer.eraseDueAt;
      } else {
        await db.supportCase.updateMany({
          where: { id: caseId, status: 'open' },
          data: { status: 'closed', closedAt: new Date(closedAt) },
        });
      }
      const row = await db.supportCase.findUniqueOrThrow({ where: { id: caseId }, select: { closedAt: true } });
      return {
        id: caseId,
        status: 'closed',
        closedAt: (row.closedAt ?? new Date(closedAt)).toISOString(),
        requesterKind: c.requesterKind,
        eraseDueAt,
      };
    },
  };
}

export type SupportCaseService = ReturnType<typeof createSupportCaseService>;
