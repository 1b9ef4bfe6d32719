// The keys that encrypt Temporal payloads. PAYLOAD_KEYS lists `id:base64key` pairs, newest
// first: new payloads use the first, older ones stay readable as long as their key is listed.
// Rotation is therefore: prepend a new key, deploy, and drop the old key only once no open
// workflow and no retained history still holds payloads encrypted with it.

export interface PayloadKey {
  id: string;
  key: Buffer;
}

export interface PayloadKeyRing {
  /** Encrypts every new payload. */
  current: PayloadKey;
  byId: ReadonlyMap<string, PayloadKey>;
}

/**
 * The development key from .env.example. Anyone can read it, so production refuses it: it only
 * keeps a laptop's and the tests' payloads out of plain sight.
 */
export const DEV_PAYLOAD_KEYS = 'dev-2026-1:ZGV2LW9ubHktcGF5bG9hZC1rZXktbm90LWZvci1wcm8=';

/** The ID of a key in the ring whose bytes are the public development key's, whatever its ID. */
export function usesDevelopmentKey(ring: PayloadKeyRing): string | undefined {
  const dev = parsePayloadKeys(DEV_PAYLOAD_KEYS).current.key;
  return [...ring.byId.values()].find((k) => k.key.equals(dev))?.id;
}

const KEY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function parsePayloadKeys(raw: string): PayloadKeyRing {
  const keys: PayloadKey[] = [];
  for (const pair of raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const sep = pair.indexOf(':');
    const id = pair.slice(0, sep);
    const encoded = pair.slice(sep + 1);
    if (sep < 1 || !KEY_ID.test(id)) throw new Error(`"${id || pair.slice(0, 8)}…" is not a key id (letters, digits, . _ -)`);
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== 32 || key.toString('base64') !== encoded)
      throw new Error(`key "${id}" must be exactly 32 bytes, base64-encoded (e.g. openssl rand -base64 32)`);
    if (keys.some((k) => k.id === id)) throw new Error(`key id "${id}" is listed twice`);
    keys.push({ id, key });
  }
  const [current] = keys;
  if (!current) throw new Error('no key given: set id:base64key pairs, newest first');
  return { current, byId: new Map(keys.map((k) => [k.id, k])) };
}
