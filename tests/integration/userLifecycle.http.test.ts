// End to end on the Temporal dev server and Postgres, through the HTTP API, with a quarantine
// of seconds: provisioning → termination → deactivated at once → purged, evidence written,
// and no personal value anywhere in the workflow's history.
import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { userWorkflowId } from '../../lifecycles/user/contract';
import { leakedValues, personalTraces } from '../support/subjects';
import { SERVICE, useApp } from '../support/harness';
import { provisionUser } from '../support/http';
import { readableHistory } from '../support/history';

const stack = useApp({ worker: true, prefix: 'it-user', env: { RETENTION_USER_QUARANTINE: 'PT3S' } });

// Not ours to encrypt: search attributes (IDs only, never encrypted), and the SDK's own marker
// bookkeeping (a patch's ID; a local activity's sequence number, type and times).
const UNENCRYPTED = /\.searchAttributes$|\.markerRecordedEventAttributes\.details\.(patch-data|data)$/;

/** The `encoding` of every payload of ours in a history. */
function payloadEncodings(node: unknown, found: string[] = [], path = ''): string[] {
  if (!node || typeof node !== 'object' || UNENCRYPTED.test(path)) return found;
  const metadata = (node as { metadata?: Record<string, Uint8Array> }).metadata;
  if (metadata?.encoding && 'data' in (node as object)) found.push(Buffer.from(metadata.encoding).toString());
  Object.entries(node).forEach(([k, child]) => payloadEncodings(child, found, `${path}.${k}`));
  return found;
}

const provision = () => provisionUser(stack);

describe('user lifecycle through the API', () => {
  it('deactivates at once, purges after the quarantine, writes one evidence record and leaks nothing into Temporal', async () => {
    const u = await provision();
    expect(leakedValues(await personalTraces(stack.db, u), u)).toHaveLength(5);

    const terminated = await request(stack.app)
      .post(`/api/v1/users/${u.userId}/termination`)
      .set(SERVICE)
      .send({ reasonCode: 'employee-left', note: 'kontrakt sagt opp' })
      .expect(202);
    expect(terminated.body).toMatchObject({ workflowId: userWorkflowId(u.userId), phase: 'QUARANTINED' });
    expect(Date.parse(terminated.body.purgeDueAt)).toBeGreaterThan(Date.now() - 5000);
    const account = await stack.db.userAccount.findUniqueOrThrow({ where: { id: u.userId }, include: { loginFactors: true } });
    expect(account.status).toBe('deactivated');
    expect(account.loginFactors.map((f) => f.enabled)).toEqual([false]);

    const handle = stack.temporal.workflow.getHandle(userWorkflowId(u.userId));
    await expect(handle.result()).resolves.toMatchObject({ phase: 'PURGED' });

    expect(leakedValues(await personalTraces(stack.db, u), u)).toEqual([]);
    expect(await stack.db.evidence.count({ where: { subjectId: u.userId, action: 'purge' } })).toBe(1);
    expect(await stack.db.evidence.count({ where: { subjectId: u.userId, action: 'verify' } })).toBe(1);
    const lifecycle = await request(stack.app).get(`/api/v1/users/${u.userId}/lifecycle`).set(SERVICE).expect(200);
    expect(lifecycle.body).toMatchObject({ phase: 'PURGED', purgeRule: 'user.quarantine-purge' });

    const raw = await handle.fetchHistory();
    // Decrypted, as anyone with the key could read it: the reason is only inside the payloads.
    const history = await readableHistory(raw);
    expect(history).toContain('employee-left');
    // The note stayed beside the subject's data, and the purge deleted it with the rest.
    expect(history).not.toContain('kontrakt sagt opp');
    expect(await stack.db.actionNote.count({ where: { subjectId: u.userId } })).toBe(0);
    expect(history).toContain(u.userId);
    expect(leakedValues(history, u)).toEqual([]);
    // Every payload Temporal stores is ciphertext (temporal/codec.ts): inputs, updates, results.
    const encodings = payloadEncodings(raw);
    expect(encodings.length).toBeGreaterThan(5);
    expect(new Set(encodings)).toEqual(new Set(['binary/encrypted']));
    const { searchAttributes } = await handle.describe();
    expect(leakedValues(JSON.stringify(searchAttributes), u)).toEqual([]);
  });

  it('answers a repeated termination with the same workflow and deadline', async () => {
    const u = await provision();
    const first = await request(stack.app)
      .post(`/api/v1/users/${u.userId}/hold`)
      .set(SERVICE)
      .send({ reasonCode: 'legal-hold', note: 'revisjon' })
      .expect(200);
    const a = await request(stack.app).post(`/api/v1/users/${u.userId}/termination`).set(SERVICE).send({}).expect(202);
    const b = await request(stack.app).post(`/api/v1/users/${u.userId}/termination`).set(SERVICE).send({}).expect(202);
    expect(b.body.terminatedAt).toBe(a.body.terminatedAt);
    expect(first.body.hold.reason).toBe('legal-hold');
    await request(stack.app)
      .post(`/api/v1/users/${u.userId}/release`)
      .set(SERVICE)
      .send({ reasonCode: 'legal-hold-ended', note: 'ferdig' })
      .expect(200);
    await request(stack.app)
      .post(`/api/v1/users/${u.userId}/release`)
      .set(SERVICE)
      .send({ reasonCode: 'legal-hold-ended', note: 'igjen' })
      .expect(409);
  });
});
