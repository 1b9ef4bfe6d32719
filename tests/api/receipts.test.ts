// Receipts and the chain check through the HTTP API, over evidence written by the one ledger
// writer. Which verdict a subject gets is decided by the record's own times and rule.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { EvidenceInput } from '../../lifecycles/shared/evidence';
import { appendPurgeEvidence } from '../support/evidence';
import { buildReceipt } from '../../console/receipt';
import { uniqueId } from '../support/subjects';
import { ADMIN, AUDITOR, SERVICE, useApp } from '../support/harness';

const api = useApp();
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

/** A purge record of a new user, with the case system's rows in its counts too. */
const purgeRecord = (over: Partial<EvidenceInput> = {}) =>
  appendPurgeEvidence(api.db, {
    tables: { UserAccount: { anonymised: 1 }, LoginFactor: { deleted: 1 }, SupportCase: { anonymised: 2 } },
    triggeredAt: ago(30),
    dueAt: ago(0),
    ...over,
  });

describe('receipts', () => {
  it('answers "on time" for a purge at its deadline, with what was deleted and the ledger hash', async () => {
    const purge = await purgeRecord();
    const verify = await purgeRecord({
      subjectId: purge.subjectId,
      action: 'verify',
      rule: 'user.post-purge-verification',
      tables: {},
      detail: { ok: true },
    });
    const res = await request(api.app).get(`/api/audit/receipts/user/${purge.subjectId}`).set(AUDITOR).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({
      subjectKind: 'user',
      subjectId: purge.subjectId,
      terminatedAt: purge.triggeredAt!.toISOString(),
      dueAt: purge.dueAt!.toISOString(),
      erasedAt: purge.finishedAt.toISOString(),
      ledgerHash: verify.hash,
      erasedOnTime: { answer: true, verdict: 'on-time' },
    });
    expect(res.body.erasures).toEqual([
      expect.objectContaining({
        evidenceId: purge.id,
        rule: 'user.quarantine-purge',
        tables: purge.tables,
        hash: purge.hash,
        hashValid: true,
      }),
    ]);
    expect(res.body.verifications).toHaveLength(1);
    expect(res.body.erasedOnTime.reasons.join('\n')).toMatch(/post-purge verification found nothing personal left/);
  });

  it('answers "late" when the purge finished days after its deadline, and says by how much', async () => {
    const purge = await purgeRecord({ triggeredAt: ago(33), dueAt: ago(3) });
    const res = await request(api.app).get(`/api/audit/receipts/user/${purge.subjectId}`).set(ADMIN).expect(200);
    expect(res.body.erasedOnTime).toMatchObject({ answer: false, verdict: 'late' });
    expect(res.body.erasedOnTime.reasons[0]).toMatch(/LATE.* (25\d{4}) s after the deadline/);
  });

  it('measures an erasure request against one month (GDPR art. 12(3))', async () => {
    const purge = await purgeRecord({ rule: 'user.erasure', reason: 'art. 17-krav', triggeredAt: ago(2), dueAt: ago(2) });
    const res = await request(api.app).get(`/api/audit/receipts/user/${purge.subjectId}`).set(AUDITOR).expect(200);
    expect(res.body.erasedOnTime).toMatchObject({ answer: true, verdict: 'on-time' });
    expect(Date.parse(res.body.dueAt)).toBeGreaterThan(Date.now() + 25 * DAY);
  });

  it('prints an escaped, self-contained HTML receipt', async () => {
    const purge = await purgeRecord({ reason: '<script>alert(1)</script>', tables: { '<img src=x>': { deleted: 1 } } });
    const res = await request(api.app).get(`/api/audit/receipts/user/${purge.subjectId}/receipt.html`).set(AUDITOR).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(res.text).toContain(purge.subjectId);
    expect(res.text).toContain(purge.hash!);
    expect(res.text).toContain('Yes: erased on time');
    expect(res.text).not.toContain('<img src=x>');
    expect(res.text).toContain('&lt;img src=x&gt;');
  });

  it('is for auditors and admins only, and 404s for a subject nobody knows', async () => {
    const purge = await purgeRecord();
    await request(api.app).get(`/api/audit/receipts/user/${purge.subjectId}`).expect(401);
    await request(api.app).get(`/api/audit/receipts/user/${purge.subjectId}`).set(SERVICE).expect(403);
    await request(api.app).get(`/api/audit/evidence/verify`).set(SERVICE).expect(403);
    await request(api.app)
      .get(`/api/audit/receipts/user/${uniqueId('nobody')}`)
      .set(AUDITOR)
      .expect(404);
    await request(api.app).get(`/api/audit/receipts/planet/${purge.subjectId}`).set(AUDITOR).expect(400);
    // The printable page's 404 is the JSON error it is, not labelled HTML (found by the fuzzer once it
    // had an auditor's token).
    const missing = await request(api.app)
      .get(`/api/audit/receipts/user/${uniqueId('nobody')}/receipt.html`)
      .set(AUDITOR)
      .expect(404);
    expect(missing.headers['content-type']).toMatch(/^application\/json/);
    expect(missing.body.error).toMatch(/no lifecycle and no evidence/);
  });

  it('reports the chain of the shared ledger as intact', async () => {
    await purgeRecord();
    const res = await request(api.app).get('/api/audit/evidence/verify').set(AUDITOR).expect(200);
    expect(res.body).toMatchObject({ ok: true, firstBroken: null });
    expect(res.body.records).toBeGreaterThan(0);
  });
});

describe('receipt verdicts before any erasure', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  const lifecycle = { phase: 'QUARANTINED', terminatedAt: '2026-05-10T00:00:00.000Z', dueAt: '2026-06-09T00:00:00.000Z', hold: null };
  it('is pending before the deadline, overdue after it, held under a legal hold, and not terminated while active', () => {
    expect(buildReceipt('user', 'u1', [], lifecycle, now).erasedOnTime).toMatchObject({ answer: null, verdict: 'pending' });
    expect(buildReceipt('user', 'u1', [], { ...lifecycle, dueAt: '2026-05-30T00:00:00.000Z' }, now).erasedOnTime).toMatchObject({
      answer: false,
      verdict: 'overdue',
    });
    expect(
      buildReceipt('user', 'u1', [], { ...lifecycle, hold: { reason: 'tvist', since: '2026-05-20T00:00:00.000Z' } }, now).erasedOnTime
        .verdict,
    ).toBe('held');
    expect(buildReceipt('user', 'u1', [], { phase: 'ACTIVE', terminatedAt: null, dueAt: null, hold: null }, now).erasedOnTime.verdict).toBe(
      'not-terminated',
    );
  });
});
