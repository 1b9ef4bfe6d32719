// The codec endpoint as the Temporal Web UI calls it: JSON payloads with base64 fields, the
// namespace in X-Namespace, a CORS preflight from the UI's origin, and admins only.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { defaultPayloadConverter } from '@temporalio/common';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING } from '../../temporal/codec';
import { parsePayloadKeys } from '../../temporal/payloadKeys';
import { ADMIN, AUDITOR, SERVICE, useApp } from '../support/harness';

const api = useApp();
const UI = 'http://localhost:8233';
const VALUE = { userId: 'user-codec-1', reason: 'sluttet' };

const toJson = (p: { metadata?: Record<string, Uint8Array | null> | null; data?: Uint8Array | null }) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v!).toString('base64')])),
  data: Buffer.from(p.data!).toString('base64'),
});
const post = (path: string, body: object, auth: Record<string, string> = ADMIN) =>
  request(api.app).post(path).set(auth).set('X-Namespace', api.config.temporal.namespace).set('Origin', UI).send(body);

describe('codec endpoint', () => {
  it('decodes what the worker encrypted, and encodes what the UI sends back', async () => {
    const [sealed] = await new AesGcmPayloadCodec(api.config.payloadKeys).encode([defaultPayloadConverter.toPayload(VALUE)]);
    const decoded = await post('/codec/decode', { payloads: [toJson(sealed!)] }).expect(200);
    expect(decoded.headers['access-control-allow-origin']).toBe(UI);
    const [plain] = decoded.body.payloads;
    expect(Buffer.from(plain.metadata.encoding, 'base64').toString()).toBe('json/plain');
    expect(JSON.parse(Buffer.from(plain.data, 'base64').toString())).toEqual(VALUE);

    const encoded = await post('/codec/encode', { payloads: [plain] }).expect(200);
    const [again] = encoded.body.payloads;
    expect(Buffer.from(again.metadata.encoding, 'base64').toString()).toBe(ENCRYPTED_ENCODING);
    expect(Buffer.from(again.data, 'base64').toString('latin1')).not.toContain('user-codec-1');
    const roundTrip = await post('/codec/decode', encoded.body).expect(200);
    expect(roundTrip.body).toEqual(decoded.body);
  });

  it('answers the browser preflight from the Web UI origin only, allowing Authorization', async () => {
    const ok = await request(api.app)
      .options('/codec/decode')
      .set('Origin', UI)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type,x-namespace');
    expect(ok.status).toBeLessThan(300);
    expect(ok.headers['access-control-allow-origin']).toBe(UI);
    expect(ok.headers['access-control-allow-headers']).toMatch(/Authorization/);
    expect(ok.headers['access-control-allow-headers']).toMatch(/X-Namespace/);
    expect(ok.headers['access-control-allow-credentials']).toBe('true');
    const evil = await request(api.app)
      .options('/codec/decode')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('never takes a credential from the URL: the old /codec/bearer/<token> form is gone', async () => {
    const token = ADMIN.Authorization.replace('Bearer ', '');
    await request(api.app).post(`/codec/bearer/${token}/decode`).set('Origin', UI).send({ payloads: [] }).expect(404);
  });

  it('gives the Web UI a decode-only cookie, signed in once with an admin token in a form body', async () => {
    const token = ADMIN.Authorization.replace('Bearer ', '');
    const page = await request(api.app).get('/codec/session').expect(200);
    expect(page.text).toContain('<form method="post" action="session">');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
    await request(api.app).post('/codec/session').type('form').send({ token: 'not-a-token' }).expect(401);
    await request(api.app)
      .post('/codec/session')
      .type('form')
      .send({ token: AUDITOR.Authorization.replace('Bearer ', '') })
      .expect(403);
    await request(api.app).post('/codec/session').set('Origin', 'https://evil.example').type('form').send({ token }).expect(403);

    const signedIn = await request(api.app).post('/codec/session').type('form').send({ token }).expect(200);
    const setCookie = String(signedIn.headers['set-cookie']);
    expect(setCookie).toMatch(/^nitd_codec=[^;]+; Path=\/codec; Expires=[^;]+; HttpOnly; SameSite=Strict$/);
    expect(setCookie).not.toContain(token);
    expect(signedIn.text).toContain('test-admin');
    const cookie = setCookie.split(';')[0]!;

    const [sealed] = await new AesGcmPayloadCodec(api.config.payloadKeys).encode([defaultPayloadConverter.toPayload(VALUE)]);
    const fromUi = () => request(api.app).post('/codec/decode').set('Cookie', cookie).set('X-Namespace', api.config.temporal.namespace);
    const decoded = await fromUi()
      .set('Origin', UI)
      .send({ payloads: [toJson(sealed!)] })
      .expect(200);
    expect(JSON.parse(Buffer.from(decoded.body.payloads[0].data, 'base64').toString())).toEqual(VALUE);
    // Only from the Web UI's origin, only to decode, and never for anything but the codec.
    await fromUi().send({ payloads: [] }).expect(403);
    await fromUi().set('Origin', 'https://evil.example').send({ payloads: [] }).expect(403);
    await request(api.app).post('/codec/encode').set('Cookie', cookie).set('Origin', UI).send({ payloads: [] }).expect(401);
    await request(api.app).get('/api/admin/whoami').set('Cookie', cookie).expect(401);
    // A changed cookie is worthless.
    const [body, mac] = cookie.replace('nitd_codec=', '').split('.');
    const forged = Buffer.from(JSON.stringify({ name: 'x', role: 'admin', exp: Date.now() + 1e9 })).toString('base64url');
    for (const bad of [`${forged}.${mac}`, `${body}.${mac!.slice(1)}x`, `${body}`]) {
      await request(api.app).post('/codec/decode').set('Cookie', `nitd_codec=${bad}`).set('Origin', UI).send({ payloads: [] }).expect(401);
    }
  });

  it('is for admins only: auditors and services see ciphertext in the UI, never plain payloads', async () => {
    await post('/codec/decode', { payloads: [] }, {}).expect(401);
    await post('/codec/decode', { payloads: [] }, AUDITOR).expect(403);
    await post('/codec/decode', { payloads: [] }, SERVICE).expect(403);
  });

  it('refuses another namespace, malformed payloads, and data it cannot authenticate', async () => {
    await request(api.app).post('/codec/decode').set(ADMIN).set('X-Namespace', 'other').send({ payloads: [] }).expect(400);
    const bad = await post('/codec/decode', { payloads: [{ metadata: { encoding: '!!' } }] }).expect(400);
    expect(bad.body.fields[0].field).toMatch(/payloads/);
    const [sealed] = await new AesGcmPayloadCodec(parsePayloadKeys(`other:${Buffer.alloc(32, 9).toString('base64')}`)).encode([
      defaultPayloadConverter.toPayload(VALUE),
    ]);
    const unknown = await post('/codec/decode', { payloads: [toJson(sealed!)] }).expect(400);
    expect(unknown.body.error).toMatch(/key "other"/);
  });
});
