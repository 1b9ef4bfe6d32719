// The evidence ledger's hash chain. Each record's hash covers its own content and the previous
// record's hash, so changing, removing or reordering any record breaks every link after it. The
// record's content is hashed as canonical JSON (keys sorted, times as ISO-8601 UTC), which an
// auditor can recompute from a plain database export with any sha256 tool (docs/evidence.md).
import { createHash } from 'node:crypto';
import stableStringify from 'fast-json-stable-stringify';

/** The prevHash of the first chained record. */
export const GENESIS_HASH = '0'.repeat(64);

/** Every column of a record that the hash covers: all of them except `hash` itself. */
export interface ChainedFields {
  id: string;
  seq: bigint;
  idempotencyKey: string;
  subjectKind: string;
  subjectId: string;
  action: string;
  rule: string;
  policyVersion: string;
  reason: string | null;
  tables: unknown;
  workflowId: string;
  runId: string;
  triggeredAt: Date | null;
  dueAt: Date | null;
  startedAt: Date;
  finishedAt: Date;
  detail: unknown;
  prevHash: string | null;
}

export function canonicalRecord(r: ChainedFields): string {
  return stableStringify({
    id: r.id,
    seq: r.seq.toString(),
    idempotencyKey: r.idempotencyKey,
    subjectKind: r.subjectKind,
    subjectId: r.subjectId,
    action: r.action,
    rule: r.rule,
    policyVersion: r.policyVersion,
    reason: r.reason,
    tables: r.tables,
    workflowId: r.workflowId,
    runId: r.runId,
    triggeredAt: r.triggeredAt?.toISOString() ?? null,
    dueAt: r.dueAt?.toISOString() ?? null,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt.toISOString(),
    detail: r.detail ?? null,
    prevHash: r.prevHash,
  });
}

export function recordHash(r: ChainedFields): string {
  return createHash('sha256').update(canonicalRecord(r)).digest('hex');
}
