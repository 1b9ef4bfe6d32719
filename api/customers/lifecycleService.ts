// The customer lifecycle's API logic: actions go to the customer's workflow; a closed relationship
// (workflow finished) is answered from the customer row and the evidence ledger.
import type { Db } from '../../db/client';
import { initialState, view } from '../../lifecycles/customer/rules';
import type { PolicySnapshot } from '../../policy/retention';
import {
  customerErasureUpdate,
  customerHoldUpdate,
  customerReleaseUpdate,
  customerWorkflowId,
  restoreCustomerUpdate,
  terminateCustomerUpdate,
  type CustomerLifecycleView,
} from '../../lifecycles/customer/contract';
import { ConflictError, NotFoundError } from '../errors';
import { LifecycleClosedError } from '../users/lifecycleClient';
import type { CustomerLifecycleClient } from './lifecycleClient';

/** The lifecycle as the API reports it: the workflow's view, or a summary when none is running. */
export type CustomerLifecycleReport = Omit<CustomerLifecycleView, 'workflowId'> & { workflowId: string | null };

export function createCustomerLifecycleService(db: Db, lifecycles: CustomerLifecycleClient, policy: PolicySnapshot) {
  async function findCustomer(customerId: string) {
    const customer = await db.customer.findUnique({ where: { id: customerId }, select: { status: true, endedAt: true } });
    if (!customer) throw new NotFoundError(`customer ${customerId} not found`);
    return customer;
  }

  /** What a finished lifecycle left behind: the two anonymisation records. */
  async function closedReport(customerId: string): Promise<CustomerLifecycleReport> {
    const customer = await findCustomer(customerId);
    const evidence = await db.evidence.findMany({ where: { subjectKind: 'customer', subjectId: customerId }, orderBy: { seq: 'asc' } });
    const crm = evidence.find((e) => e.rule.startsWith('crm.'));
    const erp = evidence.find((e) => e.rule === 'erp.cap');
    return {
      ...idleReport(customerId, 'CLOSED', policy),
      workflowId: erp?.workflowId ?? customerWorkflowId(customerId),
      endedAt: customer.endedAt?.toISOString() ?? null,
      crmAnonymisedAt: crm?.finishedAt.toISOString() ?? null,
      crmEvidenceId: crm?.id ?? null,
      erpAnonymisedAt: erp?.finishedAt.toISOString() ?? null,
      erpEvidenceId: erp?.id ?? null,
      policyVersion: erp?.policyVersion ?? policy.version,
    };
  }

  async function act(customerId: string, call: () => Promise<CustomerLifecycleView>, whenClosed: 'report' | 'conflict', action: string) {
    const refuse = () => {
      throw new ConflictError(`cannot ${action}: the customer's CRM and ERP data have already been anonymised`);
    };
    if ((await findCustomer(customerId)).status === 'closed') return whenClosed === 'report' ? closedReport(customerId) : refuse();
    try {
      return await call();
    } catch (err) {
      if (!(err instanceof LifecycleClosedError)) throw err;
      if ((await findCustomer(customerId)).status === 'closed') return whenClosed === 'report' ? closedReport(customerId) : refuse();
      throw new ConflictError(`cannot ${action}: no lifecycle is running for customer ${customerId}`);
    }
  }

  return {
    async terminate(customerId: string, terminatedAt: string, reason: string | undefined) {
      return act(customerId, () => lifecycles.updateWithStart(customerId, terminateCustomerUpdate, { terminatedAt, reason }), 'report', 'terminate');
    },
    async restore(customerId: string, reason: string | undefined) {
      return act(customerId, () => lifecycles.update(customerId, restoreCustomerUpdate, { reason }), 'conflict', 'restore');
    },
    async erase(customerId: string, reason: string) {
      return act(customerId, () => lifecycles.updateWithStart(customerId, customerErasureUpdate, { reason }), 'report', 'erase');
    },
    async hold(customerId: string, reason: string) {
      return act(customerId, () => lifecycles.updateWithStart(customerId, customerHoldUpdate, { reason }), 'conflict', 'place a hold');
    },
    async release(customerId: string, reason: string) {
      return act(customerId, () => lifecycles.update(customerId, customerReleaseUpdate, { reason }), 'conflict', 'release a hold');
    },
    async lifecycle(customerId: string): Promise<CustomerLifecycleReport> {
      const customer = await findCustomer(customerId);
      if (customer.status === 'closed') return closedReport(customerId);
      const running = await lifecycles.state(customerId);
      return running ?? idleReport(customerId, 'ACTIVE', policy);
    },
  };
}

export type CustomerLifecycleService = ReturnType<typeof createCustomerLifecycleService>;

/** A customer with no running lifecycle: the workflow's own view of a fresh state, so the two cannot drift. */
function idleReport(customerId: string, phase: CustomerLifecycleReport['phase'], policy: PolicySnapshot): CustomerLifecycleReport {
  return { ...view(initialState({ customerId, policy })), workflowId: null, phase };
}
