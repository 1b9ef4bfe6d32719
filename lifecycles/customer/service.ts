// The customer's subject service: provisioning keeps NITD's customer register in step with the
// calling systems; lifecycle actions go to the customer's workflow (lifecycles/service.ts). A
// closed relationship (workflow finished) is answered from the customer row and the ledger.
import type { Db } from '../../db/client';
import type { CustomerStatus } from '../../generated/prisma/enums';
import { createLifecycleClient, type LifecycleClientDeps } from '../client';
import { ConflictError } from '../errors';
import { createLifecycleService, startOnProvisioning, type SubjectRecords } from '../service';
import type { Provisioned } from '../registration';
import { customerWorkflowId, type AnonymisationRule, type CustomerLifecycleReport } from './contract';
import { customerKind } from './kind';
import { customerSubjects } from './subjects';
import type { CustomerProvisioning } from './schemas';

/** True when an evidence record's per-table counts name `table`. */
const hasTable = (tables: unknown, table: string) => typeof tables === 'object' && tables !== null && table in tables;
import { initialState, view } from './rules';

export function createCustomerService(db: Db, deps: LifecycleClientDeps) {
  const { policy } = deps;
  /** A customer with no running lifecycle: the workflow's own view of a fresh state, so the two cannot drift. */
  const idleReport = (customerId: string, phase: CustomerLifecycleReport['phase']): CustomerLifecycleReport => ({
    ...view(initialState({ customerId, policy })),
    workflowId: null,
    phase,
  });
  const records: SubjectRecords<CustomerLifecycleReport> = {
    noun: 'customer',
    finalRefusal: "the customer's CRM and ERP data have already been anonymised",
    runsPastFinal: false,
    table: customerSubjects(db),
    /** What a finished lifecycle left behind: the two anonymisation records. */
    async finalReport(customerId) {
      const customer = await db.customer.findUniqueOrThrow({ where: { id: customerId }, select: { endedAt: true } });
      const evidence = await db.evidence.findMany({ where: { subjectKind: 'customer', subjectId: customerId }, orderBy: { seq: 'asc' } });
      // The ERP step's record is the one that touched ErpInvoice: under erp.cap, or the CRM's rule when it went with it.
      const touchesErp = (e: (typeof evidence)[number]) => e.rule === 'erp.cap' || hasTable(e.tables, 'ErpInvoice');
      const crm = evidence.find((e) => e.rule.startsWith('crm.') && !touchesErp(e));
      const erp = evidence.find(touchesErp);
      return {
        ...idleReport(customerId, 'CLOSED'),
        workflowId: erp?.workflowId ?? customerWorkflowId(customerId),
        endedAt: customer.endedAt?.toISOString() ?? null,
        crmAnonymisedAt: crm?.finishedAt.toISOString() ?? null,
        crmEvidenceId: crm?.id ?? null,
        erpAnonymisedAt: erp?.finishedAt.toISOString() ?? null,
        erpEvidenceId: erp?.id ?? null,
        ruleInForce: (erp?.rule ?? crm?.rule ?? 'crm.anonymise') as AnonymisationRule,
        policyVersion: erp?.policyVersion ?? policy.version,
      };
    },
    idleReport: (customerId) => idleReport(customerId, 'ACTIVE'),
  };
  const client = createLifecycleClient(customerKind, deps);
  const lifecycle = createLifecycleService(client, customerKind.updates, records);

  return {
    ...lifecycle,

    async provision(customerId: string, input: CustomerProvisioning): Promise<Provisioned<CustomerStatus>> {
      const existing = await db.customer.findUnique({ where: { id: customerId }, select: { status: true } });
      // Writing personal data back into an anonymised customer would undo the anonymisation.
      if (existing?.status === 'anonymised' || existing?.status === 'closed') {
        throw new ConflictError(`customer ${customerId} has been ${existing.status}; customer IDs are not reused`);
      }
      // Absent optional fields are cleared, not kept: the caller's record is the source of truth.
      const data = {
        type: input.type,
        name: input.name,
        address: input.address ?? null,
        email: input.email ?? null,
        phone: input.phone ?? null,
      };
      const { status } = await db.customer.upsert({
        where: { id: customerId },
        create: { id: customerId, ...data },
        update: data,
        select: { status: true },
      });
      const lifecycleStarted = await startOnProvisioning(() => client.ensureStarted(customerId, customerId));
      return { created: !existing, status, lifecycleStarted };
    },
  };
}

export type CustomerService = ReturnType<typeof createCustomerService>;
