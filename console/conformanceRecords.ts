// The conformance scan's records as the console shows them (dates as ISO strings); the console
// (admin-ui/) imports the same types. Types and constants only, like ./records.ts.

export const REPAIR_CODES = ['start-lifecycle', 'erase-now', 'erase-again', 'delete-history', 'sweep-now', 'operator', 'none'] as const;

/** One finding: personal data past its rule, or a subject no rule will reach. Opaque IDs only. */
export interface ConformanceFindingRecord {
  id: string;
  check: string;
  rule: string;
  store: string;
  table: string;
  subjectKind: string;
  subjectId: string;
  workflowId: string | null;
  dueAt: string | null;
  overdueSeconds: number | null;
  repair: (typeof REPAIR_CODES)[number];
  /** Whether an admin can carry the repair out from the console. */
  repairable: boolean;
  open: boolean;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
  repairRequestedAt: string | null;
}

export interface ConformanceScanRecord {
  id: string;
  workflowId: string;
  trigger: 'schedule' | 'manual' | 'other';
  startedAt: string;
  finishedAt: string | null;
  checks: string[];
  stores: string[];
  rowsExamined: number;
  openFindings: number;
  newFindings: number;
  resolvedFindings: number;
  lateErasures: number;
  byRule: Record<string, number>;
  evidenceId: string | null;
}

/** The dashboard's part: what is open now, by rule, and when the last scan finished. */
export interface ConformanceStatus {
  openFindings: number;
  byRule: Record<string, number>;
  lastScan: { id: string; finishedAt: string; rowsExamined: number; openFindings: number } | null;
}
