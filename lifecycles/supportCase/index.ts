// The support-case lifecycle kind (outside requesters' cases), as the registry lists it.
import type { KindRegistration } from '../registration';
import { createSupportCaseActivities } from './activities';
import { supportCaseAdminView } from './adminView';
import { supportCaseConformanceChecks } from './conformance';
import { SUPPORT_CASE_PHASES, SUPPORT_CASE_RULE_BY_PHASE } from './contract';
import { supportCaseKind } from './kind';
import { provisionedSupportCase, supportCaseApiDocs, supportCaseIntake, supportCaseLifecycleReport } from './schemas';
import { createSupportCaseService } from './service';
import { supportCaseSubjects } from './subjects';

export const supportCase = {
  kind: supportCaseKind,
  plural: 'support-cases',
  phases: SUPPORT_CASE_PHASES,
  ruleByPhase: SUPPORT_CASE_RULE_BY_PHASE,
  subjects: supportCaseSubjects,
  createActivities: createSupportCaseActivities,
  createService: createSupportCaseService,
  schemas: { provisioning: supportCaseIntake, provisioned: provisionedSupportCase, report: supportCaseLifecycleReport },
  docs: supportCaseApiDocs,
  adminView: supportCaseAdminView,
  conformance: { checks: supportCaseConformanceChecks, lifecycleRule: { active: 'support.minimise', ended: 'support.retention' } },
} satisfies KindRegistration;
