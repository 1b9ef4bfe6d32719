// The ledgers' hash chains (Evidence and AdminAction). Each record's hash covers its own content and
// the previous record's hash, so changing, removing or reordering any record breaks every link
// after it. The record's content is hashed as canonical JSON (keys sorted, times as ISO-8601 UTC),
// which an auditor can recompute from a plain database export with any sha256 tool. A chain alone
// can be rewritten consistently by whoever can write the table, so each record is also sealed:
// mac = HMAC-SHA256(ledger key, "<ledger>:<seq>:<hash>"), with a key the database never sees
// (ledger/keys.ts), and the head is anchored outside Postgres (ledger/anchors.ts).
import { createHash } from 'node:crypto';
import stableStringify from 'fast-json-stable-stringify';
import { seal, type LedgerKeys } from './keys';

export type LedgerName = 'Evidence' | 'AdminAction';

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
  return sha256(canonicalRecord(r));
}

/** Every column of an admin action that its hash covers: all but hash, keyId and mac. */
export interface AdminActionFields {
  id: string;
  seq: bigint;
  actorRole: string;
  actorName: string | null;
  requestId: string | null;
  action: string;
  workflowId: string;
  subjectKind: string;
  subjectId: string;
  reason: string | null;
  outcome: string;
  detail: string | null;
  at: Date;
  prevHash: string | null;
}

export function canonicalAdminAction(r: AdminActionFields): string {
  return stableStringify({
    id: r.id,
    seq: r.seq.toString(),
    actorRole: r.actorRole,
    actorName: r.actorName,
    requestId: r.requestId,
    action: r.action,
    workflowId: r.workflowId,
    subjectKind: r.subjectKind,
    subjectId: r.subjectId,
    reason: r.reason,
    outcome: r.outcome,
    detail: r.detail,
    at: r.at.toISOString(),
    prevHash: r.prevHash,
  });
}

export function adminActionHash(r: AdminActionFields): string {
  return sha256(canonicalAdminAction(r));
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** What the seal covers: the ledger, the position and the hash (which covers the rest). */
const sealed = (ledger: LedgerName, seq: bigint, hash: string) => `${ledger}:${seq}:${hash}`;

/** The seal of a new record, under the newest key. */
export function sealRecord(keys: LedgerKeys, ledger: LedgerName, seq: bigint, hash: string): { keyId: string; mac: string } {
  const keyId = keys.current.id;
  return { keyId, mac: seal(keys, keyId, sealed(ledger, seq, hash))! };
}

/** true: sealed by a listed key; false: the seal is wrong; 'unknown-key': its key is not listed. */
export function checkSeal(keys: LedgerKeys, ledger: LedgerName, r: { seq: bigint; hash: string; keyId: string; mac: string }) {
  const expected = seal(keys, r.keyId, sealed(ledger, r.seq, r.hash));
  return expected === undefined ? ('unknown-key' as const) : expected === r.mac;
}
