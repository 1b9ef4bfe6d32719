// How a kind's own table answers the questions every kind is asked about its subjects: where one
// stands now (before an action), which ones should have a running lifecycle (backfill,
// reconciliation), and which still exist (orphaned lifecycles).

/** What the subject's own row says. */
export interface SubjectState {
  /** The lifecycle has finished: the personal data is gone (a purged user, a closed customer). */
  final: boolean;
  /** No termination in force, as the row says. */
  active: boolean;
  /** The customer it belongs to (a customer's own ID for a customer). */
  customerId: string | null;
  /** When it ended (deactivation, end of relationship), for a lifecycle restarted backdated; null while active. */
  endedAt?: Date | null;
}

/** A subject whose lifecycle should be running: active, or ended and not yet final. */
export interface PendingSubject extends Omit<SubjectState, 'final'> {
  id: string;
  /** When it ended (deactivation, end of relationship); null while active. */
  endedAt: Date | null;
}

export interface SubjectTable {
  find(subjectId: string): Promise<SubjectState | null>;
  /** Pending subjects after `afterId` in ID order; `endedOnly` leaves the active ones out. */
  pending(afterId: string | null, take: number, opts?: { endedOnly?: boolean }): Promise<PendingSubject[]>;
  countPending(afterId: string | null): Promise<number>;
  /** Which of these subject IDs still have a row. */
  existing(subjectIds: string[]): Promise<Set<string>>;
}

/** Prisma's "after this ID" condition for paging by ID. */
export const afterId = (id: string | null) => (id ? { id: { gt: id } } : {});
