// The contact-person lifecycle kind, as the registry lists it. Its routes nest under its customer's:
// /api/v1/customers/{customerId}/contacts/{contactId}, with the termination called a departure.
import type { KindRegistration } from '../registration';
import { contactAdminView } from './adminView';
import { createContactActivities } from './activities';
import { contactConformanceChecks } from './conformance';
import { CONTACT_PHASES, CONTACT_RULE_BY_PHASE } from './contract';
import { contactKind } from './kind';
import { contactApiDocs, contactLifecycleReport, contactProvisioning, departureRequest, provisionedContact } from './schemas';
import { createContactService } from './service';
import { contactSubjects } from './subjects';

export const contact = {
  kind: contactKind,
  plural: 'contacts',
  parent: 'customer',
  termination: {
    path: 'departure',
    schemaName: 'ContactDepartureRequest',
    body: departureRequest,
    read: ({ departedAt, reasonCode }: { departedAt?: string; reasonCode: string }) => ({ terminatedAt: departedAt, reason: reasonCode }),
  },
  phases: CONTACT_PHASES,
  ruleByPhase: CONTACT_RULE_BY_PHASE,
  subjects: contactSubjects,
  createActivities: createContactActivities,
  createService: createContactService,
  schemas: { provisioning: contactProvisioning, provisioned: provisionedContact, report: contactLifecycleReport },
  docs: contactApiDocs,
  adminView: contactAdminView,
  conformance: { checks: contactConformanceChecks, lifecycleRule: { active: 'crm.anonymise', ended: 'contact.anonymise' } },
} satisfies KindRegistration;
