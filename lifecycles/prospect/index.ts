// The prospect lifecycle kind («potensielle kunder»), as the registry lists it.
import type { KindRegistration } from '../registration';
import { createProspectActivities } from './activities';
import { prospectAdminView } from './adminView';
import { prospectConformanceChecks } from './conformance';
import { PROSPECT_PHASES, PROSPECT_RULE_BY_PHASE } from './contract';
import { prospectKind } from './kind';
import { prospectApiDocs, prospectLifecycleReport, prospectProvisioning, provisionedProspect } from './schemas';
import { createProspectService } from './service';
import { prospectSubjects } from './subjects';

export const prospect = {
  kind: prospectKind,
  plural: 'prospects',
  phases: PROSPECT_PHASES,
  ruleByPhase: PROSPECT_RULE_BY_PHASE,
  subjects: prospectSubjects,
  createActivities: createProspectActivities,
  createService: createProspectService,
  schemas: { provisioning: prospectProvisioning, provisioned: provisionedProspect, report: prospectLifecycleReport },
  docs: prospectApiDocs,
  adminView: prospectAdminView,
  conformance: { checks: prospectConformanceChecks, lifecycleRule: { active: 'prospect.anonymise', ended: 'prospect.anonymise' } },
} satisfies KindRegistration;
