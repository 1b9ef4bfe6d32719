// A process's ledger: the keys that seal records and the log that anchors their heads. The worker
// (evidence) and the API (admin actions, verification) build one from configuration; the writers
// take it as a dependency, like the database.
import { GENESIS_HASH, type LedgerName } from './chain';
import { createAnchorLog, type AnchorLog } from './anchors';
import type { LedgerKeys } from './keys';
import type { Prisma } from '../generated/prisma/client';

export interface Ledger {
  keys: LedgerKeys;
  anchors: AnchorLog;
}

/** From the configuration's `ledger` (LEDGER_KEYS, LEDGER_ANCHOR_DIR). */
export function createLedger({ keys, anchorDir }: { keys: LedgerKeys; anchorDir: string | undefined }): Ledger {
  return { keys, anchors: createAnchorLog(anchorDir, keys) };
}

// Any fixed numbers: the keys of the transaction-scoped advisory locks that order each ledger's appends.
export const LEDGER_LOCKS: Record<LedgerName, number> = { Evidence: 0x4e495444 /* "NITD" */, AdminAction: 0x4e495441 };

/**
 * Where the next record goes: its seq and its predecessor's hash. The advisory lock serialises
 * appends across processes until the caller's transaction commits, so each record links to the
 * head every other writer sees and the chain never forks (the unique prevHash refuses a fork anyway).
 */
export async function nextLink(tx: Prisma.TransactionClient, ledger: LedgerName): Promise<{ seq: bigint; prevHash: string }> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LEDGER_LOCKS[ledger]})`;
  const [head] = await tx.$queryRawUnsafe<{ hash: string }[]>(
    `SELECT "hash" FROM "${ledger}" WHERE "hash" IS NOT NULL ORDER BY "seq" DESC LIMIT 1`,
  );
  const [{ seq }] = await tx.$queryRawUnsafe<[{ seq: bigint }]>(`SELECT nextval(pg_get_serial_sequence('"${ledger}"', 'seq')) AS seq`);
  return { seq, prevHash: head?.hash ?? GENESIS_HASH };
}
