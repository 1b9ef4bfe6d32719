// The payload codec on its own: what leaves the process is ciphertext labelled with its key,
// rotation keeps old payloads readable, and failure messages are encrypted too.
import { describe, expect, it } from 'vitest';
import { ApplicationFailure, defaultPayloadConverter, type Payload } from '@temporalio/common';
import { decodeFailure, encodeErrorToFailure } from '@temporalio/common/lib/internal-non-workflow/codec-helpers';
import { loadDataConverter } from '@temporalio/common/lib/internal-non-workflow/data-converter-helpers';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA, projectDataConverter } from '../../temporal/codec';
import { parsePayloadKeys } from '../../temporal/payloadKeys';

const key = (n: number) => Buffer.alloc(32, n).toString('base64');
const OLD = parsePayloadKeys(`k2025:${key(1)}`);
const ROTATED = parsePayloadKeys(`k2026:${key(2)},k2025:${key(1)}`);
const NEW_ONLY = parsePayloadKeys(`k2026:${key(2)}`);
const SECRET = { userId: 'user-1', note: 'Kari Nordmann, +47 912 34 567' };
const text = (p: Payload) => Buffer.from(p.data ?? []).toString('latin1');
const meta = (p: Payload, k: string) => Buffer.from(p.metadata?.[k] ?? []).toString();

describe('AES-256-GCM payload codec', () => {
  it('round-trips a payload and leaves only ciphertext labelled with the key id', async () => {
    const codec = new AesGcmPayloadCodec(OLD);
    const plain = defaultPayloadConverter.toPayload(SECRET);
    const [sealed] = await codec.encode([plain]);
    expect(meta(sealed!, 'encoding')).toBe(ENCRYPTED_ENCODING);
    expect(meta(sealed!, KEY_ID_METADATA)).toBe('k2025');
    expect(text(sealed!)).not.toContain('Nordmann');
    expect(text(sealed!)).not.toContain('json/plain');
    const [opened] = await codec.decode([sealed!]);
    expect(defaultPayloadConverter.fromPayload(opened!)).toEqual(SECRET);
    // A fresh IV each time: the same value never gives the same ciphertext.
    const [again] = await codec.encode([plain]);
    expect(Buffer.from(again!.data!).equals(Buffer.from(sealed!.data!))).toBe(false);
  });

  it('rotates: new payloads use the newest key, old ones still decrypt, a dropped key is named', async () => {
    const [before] = await new AesGcmPayloadCodec(OLD).encode([defaultPayloadConverter.toPayload(SECRET)]);
    const rotated = new AesGcmPayloadCodec(ROTATED);
    const [after] = await rotated.encode([defaultPayloadConverter.toPayload(SECRET)]);
    expect(meta(after!, KEY_ID_METADATA)).toBe('k2026');
    const decoded = await rotated.decode([before!, after!]);
    expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([SECRET, SECRET]);
    await expect(new AesGcmPayloadCodec(NEW_ONLY).decode([before!])).rejects.toThrow(/key "k2025", which is not among PAYLOAD_KEYS/);
  });

  it('refuses a payload whose ciphertext or key label was changed', async () => {
    const codec = new AesGcmPayloadCodec(ROTATED);
    const [sealed] = await codec.encode([defaultPayloadConverter.toPayload(SECRET)]);
    const flipped = Buffer.from(sealed!.data!);
    flipped[20] = flipped[20]! ^ 1;
    await expect(codec.decode([{ ...sealed!, data: flipped }])).rejects.toThrow(/authenticate/);
    const relabelled = { ...sealed!, metadata: { ...sealed!.metadata, [KEY_ID_METADATA]: Buffer.from('k2025') } };
    await expect(codec.decode([relabelled])).rejects.toThrow(/authenticate/);
  });

  it('passes payloads written before encryption through unchanged', async () => {
    const plain = defaultPayloadConverter.toPayload({ userId: 'user-2' });
    expect(await new AesGcmPayloadCodec(OLD).decode([plain])).toEqual([plain]);
  });

  it('encrypts failure messages and stack traces, not only values', async () => {
    const converter = loadDataConverter(projectDataConverter(OLD));
    // What the worker sends for a failed activity or workflow: already through the codecs.
    const failure = await encodeErrorToFailure(converter, ApplicationFailure.create({ message: 'no account for Kari Nordmann' }));
    expect(failure.message).toBe('Encoded failure');
    expect(JSON.stringify(failure)).not.toContain('Nordmann');
    expect(meta(failure.encodedAttributes!, 'encoding')).toBe(ENCRYPTED_ENCODING);
    const decoded = await decodeFailure(converter.payloadCodecs, failure);
    expect(converter.failureConverter.failureToError(decoded, converter.payloadConverter).message).toBe('no account for Kari Nordmann');
  });
});

describe('PAYLOAD_KEYS', () => {
  it.each([
    ['', /no key given/],
    ['k1', /not a key id/],
    [`k1:${Buffer.alloc(16).toString('base64')}`, /exactly 32 bytes/],
    [`k1:${key(1)},k1:${key(2)}`, /listed twice/],
  ])('refuses %j', (raw, message) => {
    expect(() => parsePayloadKeys(raw)).toThrow(message);
  });
});
