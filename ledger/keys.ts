// The keys that seal ledger records (LEDGER_KEYS): `id:base64` pairs of 32 bytes, newest first,
// the same format as PAYLOAD_KEYS. The worker and the API hold them; the database never does, so a
// role that can write the tables (the owner, a superuser) still cannot forge or re-seal a record.
// Verifying needs them too: `npm run evidence:verify` and GET /api/audit/evidence/verify.
import { createHmac } from 'node:crypto';
import { parsePayloadKeys, type PayloadKeyRing } from '../temporal/payloadKeys';

export type LedgerKeys = PayloadKeyRing;

/** Public, for development and tests only: production refuses it by value (config/env.ts). */
export const DEV_LEDGER_KEYS = 'dev-ledger-1:ZGV2LW9ubHktbGVkZ2VyLWtleS1ub3QtZm9yLXByb2Q=';

export function parseLedgerKeys(raw: string): LedgerKeys {
  return parsePayloadKeys(raw);
}

/** HMAC-SHA256 (hex) of `message` under the key `keyId`; undefined for a key not in the ring. */
export function seal(keys: LedgerKeys, keyId: string, message: string): string | undefined {
  const key = keys.byId.get(keyId)?.key;
  return key && createHmac('sha256', key).update(message).digest('hex');
}
