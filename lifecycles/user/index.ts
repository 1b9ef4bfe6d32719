// The user lifecycle kind, as the registry lists it.
import type { KindRegistration } from '../registration';
import { userAdminView } from './adminView';
import { userConformanceChecks } from './conformance';
import { createUserActivities } from './activities';
import { USER_PHASES, USER_RULE_BY_PHASE } from './contract';
import { userKind } from './kind';
import { lifecycleReport, provisionedUser, userApiDocs, userProvisioning } from './schemas';
import { createUserService } from './service';
import { userSubjects } from './subjects';

export const user = {
  kind: userKind,
  plural: 'users',
  phases: USER_PHASES,
  ruleByPhase: USER_RULE_BY_PHASE,
  subjects: userSubjects,
  createActivities: createUserActivities,
  createService: createUserService,
  schemas: { provisioning: userProvisioning, provisioned: provisionedUser, report: lifecycleReport },
  docs: userApiDocs,
  adminView: userAdminView,
  conformance: {
    checks: userConformanceChecks,
    lifecycleRule: { active: 'user.deactivate-on-termination', ended: 'user.quarantine-purge' },
  },
} satisfies KindRegistration;
