// Every check the conformance scan runs, in order: each kind's own tables first (they know the
// deadlines), the ageing of CRM and ERP records by their own dates (jobs/ageing), then what every
// kind shares. When two checks find the same subject under the same rule, the first finding
// stands, so a deactivated user past its quarantine with no lifecycle is one finding (overdue,
// repaired by starting its lifecycle), not two.
import type { ConformanceCheck } from '../../../lifecycles/conformance';
import { ALL_KINDS } from '../../../lifecycles/registry';
import { crmAgedPersonal, erpAgedPersonal } from './ageing';
import { lateErasures } from './evidence';
import { lifecyclePresence } from './lifecycles';
import { namespaceRetention } from './temporal';

export const CONFORMANCE_CHECKS: readonly ConformanceCheck[] = [
  ...ALL_KINDS.flatMap((k) => k.conformance.checks),
  crmAgedPersonal,
  erpAgedPersonal,
  lifecyclePresence,
  lateErasures,
  namespaceRetention,
];
