// The records and messages the console shows, as the API builds them: the server's own types,
// imported type-only (no server code reaches the bundle) and re-exported so views import from here.
import type { AdminActionRecord, LifecycleRecord, ReconciliationRunDetail, ReconciliationRunRecord } from '../../console/records';
import type { ConformanceFindingRecord } from '../../console/conformanceRecords';

export type {
  ActionOutcome,
  AdminActionName,
  AdminActionRecord,
  ConsoleRole,
  Dashboard,
  DashboardChecks,
  Deadline,
  Finding,
  ForecastWeek,
  KindInfo,
  KindName,
  LedgerCheck,
  LedgerChainCheck,
  LifecycleDetail,
  LifecycleHistory,
  LifecycleLive,
  LifecycleRecord,
  LifecycleStatus,
  PendingActivity,
  Presence,
  PresenceMap,
  Problem,
  Receipt,
  ReceiptFinding,
  ReceiptRecord,
  ReconciliationRunDetail,
  ReconciliationRunRecord,
  RuleInForce,
  TimelineEntry,
} from '../../console/records';

export type { ConformanceFindingRecord, ConformanceScanRecord, ConformanceStatus } from '../../console/conformanceRecords';
export type { DataCategory, EndAction, InventoryEntry } from '../../policy/inventory';

import type { LifecycleDetail } from '../../console/records';

// react-admin fills a record's cache from the list it was clicked in, so a show page renders the
// list's row first and its detail when it arrives: the detail's own fields may still be missing.
export type LifecyclePage = LifecycleRecord & Partial<LifecycleDetail>;
export type ReconciliationRunPage = ReconciliationRunRecord & Partial<ReconciliationRunDetail>;

/** What an admin can do about a finding (start-lifecycle, erase-now, erase-again, delete-history, operator, none). */
export type RepairCode = ConformanceFindingRecord['repair'];
/** GET /conformance/findings/:id: the finding with every repair asked for it (AdminAction rows). */
export interface ConformanceFindingDetail extends ConformanceFindingRecord {
  repairs: AdminActionRecord[];
}
export type ConformanceFindingPage = ConformanceFindingRecord & Partial<ConformanceFindingDetail>;
/** POST /conformance/findings/:id/repair → 202: what was started; the next scan says whether it worked. */
export interface RepairOutcome {
  id: string;
  repair: RepairCode;
  outcome: 'accepted';
  detail: string;
  finding: ConformanceFindingRecord;
}

/**
 * A user's or customer's record. The server has no type for these (each kind's adminView picks
 * the columns, and auditors get fewer), so the console names only the part it reads by hand.
 */
export interface SubjectRecord {
  id: string;
  status?: string;
  lifecycles?: (Pick<LifecycleRecord, 'workflowId' | 'phase' | 'status' | 'dueAt'> & { kind?: string; subjectId?: string })[];
}
