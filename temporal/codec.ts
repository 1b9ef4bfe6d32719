// Encrypts every Temporal payload (workflow and activity inputs and results, updates, queries,
// memos, and failure messages and stack traces) with AES-256-GCM before it leaves the process, so
// the Temporal server and its database hold ciphertext only. Search attributes are not payloads
// and stay readable: they carry opaque IDs and phases only.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, ValueError, type DataConverter, type Payload, type PayloadCodec } from '@temporalio/common';
import { decode, encode } from '@temporalio/common/lib/encoding';
import { temporal } from '@temporalio/proto';
import type { PayloadKeyRing } from './payloadKeys';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class AesGcmPayloadCodec implements PayloadCodec {
  constructor(private readonly keys: PayloadKeyRing) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const { id, key } = this.keys.current;
    return payloads.map((payload) => ({
      metadata: { [METADATA_ENCODING_KEY]: encode(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: encode(id) },
      data: seal(temporal.api.common.v1.Payload.encode(payload).finish(), key, id),
    }));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
      // Payloads written before encryption was switched on are passed through as they are.
      if (!encoding || decode(encoding) !== ENCRYPTED_ENCODING) return payload;
      const rawId = payload.metadata?.[KEY_ID_METADATA];
      if (!rawId) throw new ValueError('encrypted payload without an encryption-key-id');
      const id = decode(rawId);
      const key = this.keys.byId.get(id);
      if (!key) throw new ValueError(`payload encrypted with key "${id}", which is not among PAYLOAD_KEYS`);
      if (!payload.data) throw new ValueError('encrypted payload without data');
      return temporal.api.common.v1.Payload.decode(open(payload.data, key.key, id));
    });
  }
}

// Layout: IV (12 bytes) | ciphertext | GCM tag (16 bytes). The key ID is authenticated as
// associated data, so a payload cannot be relabelled with another key's ID.
function seal(plain: Uint8Array, key: Buffer, keyId: string): Uint8Array {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(keyId, 'utf8'));
  return Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

function open(sealed: Uint8Array, key: Buffer, keyId: string): Uint8Array {
  const buf = Buffer.from(sealed);
  if (buf.length < IV_BYTES + TAG_BYTES) throw new ValueError('encrypted payload too short');
  const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(keyId, 'utf8'));
  decipher.setAuthTag(buf.subarray(buf.length - TAG_BYTES));
  return Buffer.concat([decipher.update(buf.subarray(IV_BYTES, buf.length - TAG_BYTES)), decipher.final()]);
}

/**
 * What every client and worker of this project uses. The failure converter (a path, because the
 * workflow sandbox loads it too) moves failure messages and stack traces into an encoded payload.
 */
export function projectDataConverter(keys: PayloadKeyRing): DataConverter {
  return {
    payloadCodecs: [new AesGcmPayloadCodec(keys)],
    failureConverterPath: FAILURE_CONVERTER_PATH,
  };
}

export const FAILURE_CONVERTER_PATH = require.resolve('./failureConverter');
