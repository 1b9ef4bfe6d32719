// The prospect service: provisioning, contacts and conversion, and the lifecycle actions over
// lifecycles/service.ts. A finished lifecycle (anonymised, converted) is answered from the row and
// the ledger.
import type { Db } from '../../db/client';
import { createLifecycleClient, type LifecycleClientDeps } from '../client';
import { ConflictError, LifecycleClosedError, NotFoundError } from '../errors';
import type { Provisioned } from '../registration';
import { createLifecycleService, startOnProvisioning, type SubjectRecords } from '../service';
import {
  prospectContactUpdate,
  prospectConversionUpdate,
  prospectWorkflowId,
  type ProspectLifecycleReport,
  type ProspectLifecycleView,
} from './contract';
import { prospectKind } from './kind';
import { initialState, view } from './rules';
import type { ProspectProvisioning } from './schemas';
import { prospectSubjects } from './subjects';

type ProspectStatus = 'active' | 'converted' | 'anonymised';

export function createProspectService(db: Db, deps: LifecycleClientDeps) {
  const { policy } = deps;
  const table = prospectSubjects(db);
  const idleReport = (prospectId: string, lastContactAt: Date | null): ProspectLifecycleReport => {
    const state = initialState({ prospectId, policy });
    if (lastContactAt) state.lastContactAt = lastContactAt.toISOString();
    return { ...view(state), workflowId: null };
  };
  const clockOf = async (prospectId: string) => {
    const p = await db.prospect.findUnique({ where: { id: prospectId }, select: { lastContactAt: true, createdAt: true } });
    return p ? (p.lastContactAt ?? p.createdAt) : null;
  };
  const records: SubjectRecords<ProspectLifecycleReport> = {
    noun: 'prospect',
    finalRefusal: "the prospect's data has already been anonymised or handed over to a customer",
    runsPastFinal: false,
    table,
    async finalReport(prospectId) {
      const p = await db.prospect.findUniqueOrThrow({ where: { id: prospectId } });
      const e = await db.evidence.findFirst({ where: { subjectKind: 'prospect', subjectId: prospectId }, orderBy: { seq: 'desc' } });
      const converted = p.convertedToCustomerId !== null;
      return {
        ...idleReport(prospectId, p.lastContactAt ?? p.createdAt),
        workflowId: e?.workflowId ?? prospectWorkflowId(prospectId),
        customerId: p.convertedToCustomerId,
        phase: converted ? 'CONVERTED' : 'ANONYMISED',
        anonymiseDueAt: null,
        nextDueAt: null,
        anonymisedAt: converted ? null : (p.anonymisedAt?.toISOString() ?? null),
        anonymisationRule: converted ? null : e?.rule === 'prospect.erasure' ? 'prospect.erasure' : 'prospect.anonymise',
        convertedAt: p.convertedAt?.toISOString() ?? null,
        evidenceId: e?.id ?? null,
        policyVersion: e?.policyVersion ?? policy.version,
      };
    },
    idleReport: (prospectId) => idleReport(prospectId, null),
  };
  const client = createLifecycleClient(prospectKind, deps);
  const lifecycle = createLifecycleService(client, prospectKind.updates, records);

  /** An action the lifecycle must accept: 404 unknown, 409 once final (or finished meanwhile). */
  async function act(prospectId: string, action: string, call: () => Promise<ProspectLifecycleView>): Promise<ProspectLifecycleView> {
    const subject = await table.find(prospectId);
    if (!subject) throw new NotFoundError(`prospect ${prospectId} not found`);
    if (subject.final) throw new ConflictError(`cannot ${action}: ${records.finalRefusal}`);
    try {
      return await call();
    } catch (err) {
      if (err instanceof LifecycleClosedError) throw new ConflictError(`cannot ${action}: ${records.finalRefusal}`);
      throw err;
    }
  }

  return {
    ...lifecycle,

    async lifecycle(prospectId: string) {
      const answer = await lifecycle.lifecycle(prospectId);
      // No workflow yet (Temporal was down at provisioning): the clock as the row says.
      if ((answer as ProspectLifecycleReport).workflowId === null) return idleReport(prospectId, await clockOf(prospectId));
      return answer;
    },

    async provision(prospectId: string, input: ProspectProvisioning): Promise<Provisioned<ProspectStatus>> {
      const existing = await db.prospect.findUnique({
        where: { id: prospectId },
        select: { anonymisedAt: true, convertedToCustomerId: true },
      });
      // Writing personal data back into an anonymised or handed-over row would undo it.
      if (existing?.anonymisedAt) {
        const what = existing.convertedToCustomerId ? `has become customer ${existing.convertedToCustomerId}` : 'has been anonymised';
        throw new ConflictError(`prospect ${prospectId} ${what}; prospect IDs are not reused`);
      }
      const data = {
        type: input.type,
        name: input.name,
        email: input.email ?? null,
        phone: input.phone ?? null,
        address: input.address ?? null,
      };
      const lastContactAt = input.lastContactAt ? new Date(input.lastContactAt) : undefined;
      await db.prospect.upsert({
        where: { id: prospectId },
        create: { id: prospectId, ...data, lastContactAt },
        update: data,
      });
      let lifecycleStarted: boolean;
      if (lastContactAt) {
        // The workflow moves the clock (and the row, later contacts winning) under its own rules.
        const contactedAt = lastContactAt.toISOString();
        lifecycleStarted = await startOnProvisioning(() =>
          client.updateWithStart(prospectId, null, prospectContactUpdate, { contactedAt }),
        );
      } else {
        lifecycleStarted = await startOnProvisioning(() => client.ensureStarted(prospectId, null));
      }
      return { created: !existing, status: 'active', lifecycleStarted };
    },

    /** POST /{id}/contact: a new contact restarts the clock. */
    contact(prospectId: string, contactedAt: string): Promise<ProspectLifecycleView> {
      return act(prospectId, 'record a contact', () => client.updateWithStart(prospectId, null, prospectContactUpdate, { contactedAt }));
    },

    /** POST /{id}/conversion: the prospect becomes the customer; its lifecycle ends. */
    async convert(prospectId: string, customerId: string): Promise<ProspectLifecycleView> {
      if (!(await table.find(prospectId))) throw new NotFoundError(`prospect ${prospectId} not found`);
      const customer = await db.customer.findUnique({ where: { id: customerId }, select: { status: true } });
      if (!customer) throw new NotFoundError(`customerId: customer ${customerId} not found`);
      if (customer.status === 'anonymised' || customer.status === 'closed') {
        throw new ConflictError(`customerId: customer ${customerId} has been ${customer.status}`);
      }
      return act(prospectId, 'convert', () => client.updateWithStart(prospectId, null, prospectConversionUpdate, { customerId }));
    },
  };
}

export type ProspectService = ReturnType<typeof createProspectService>;
