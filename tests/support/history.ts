// A workflow history as text with every payload decrypted: what anyone holding the key (or the
// codec endpoint) could read. Histories as Temporal stores them are ciphertext, so checking them
// for personal data without decrypting proves nothing.
import type { Payload } from '@temporalio/common';
import { AesGcmPayloadCodec } from '../../temporal/codec';
import type { PayloadKeyRing } from '../../temporal/payloadKeys';
import { testPayloadKeys } from './temporal';

export async function readableHistory(history: unknown, keys: PayloadKeyRing = testPayloadKeys): Promise<string> {
  const codec = new AesGcmPayloadCodec(keys);
  const parts: string[] = [];
  const walk = async (node: unknown): Promise<void> => {
    if (node === null || typeof node !== 'object') {
      parts.push(String(node));
      return;
    }
    const p = node as Payload;
    if (p.metadata && p.data) {
      const [plain] = await codec.decode([p]);
      parts.push(
        Buffer.from(plain!.data ?? []).toString('utf8'),
        ...Object.values(plain!.metadata ?? {}).map((v) => Buffer.from(v ?? []).toString('utf8')),
      );
      return;
    }
    for (const child of Object.values(node)) await walk(child);
  };
  await walk(history);
  return parts.join('\n');
}
