// The customer-relationship lifecycle kind, as the registry lists it.
import type { KindRegistration } from '../registration';
import { customerAdminView } from './adminView';
import { customerConformanceChecks } from './conformance';
import { createCustomerActivities } from './activities';
import { CUSTOMER_PHASES, CUSTOMER_RULE_BY_PHASE } from './contract';
import { customerKind } from './kind';
import { customerApiDocs, customerLifecycleReport, customerProvisioning, provisionedCustomer } from './schemas';
import { createCustomerService } from './service';
import { customerSubjects } from './subjects';

export const customer = {
  kind: customerKind,
  plural: 'customers',
  phases: CUSTOMER_PHASES,
  ruleByPhase: CUSTOMER_RULE_BY_PHASE,
  subjects: customerSubjects,
  createActivities: createCustomerActivities,
  createService: createCustomerService,
  schemas: { provisioning: customerProvisioning, provisioned: provisionedCustomer, report: customerLifecycleReport },
  docs: customerApiDocs,
  adminView: customerAdminView,
  conformance: { checks: customerConformanceChecks, lifecycleRule: { active: 'crm.anonymise', ended: 'crm.anonymise' } },
} satisfies KindRegistration;
