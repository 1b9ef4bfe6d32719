// Rotating the payload key under a sleeping lifecycle (temporal/payloadKeys.ts: newest key first,
// older keys still decrypt). A user lifecycle starts on workers and clients holding key A; then
// every worker and client moves to [B, A] while the lifecycle sleeps through its quarantine. The new
// worker must read the history written under A to carry on, encrypt what it writes from then on
// under B, and the whole history must still decode. Stubbed activities: the codec is under test.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Client } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { decode } from '@temporalio/common/lib/encoding';
import type { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { createLifecycleClient } from '../../lifecycles/client';
import { terminateUpdate, userWorkflowId } from '../../lifecycles/user/contract';
import { userKind } from '../../lifecycles/user/kind';
import { policyFromEnv } from '../../policy/fromEnv';
import { AesGcmPayloadCodec, KEY_ID_METADATA, projectDataConverter } from '../../temporal/codec';
import { parsePayloadKeys, type PayloadKeyRing } from '../../temporal/payloadKeys';
import { uniqueId } from '../support/subjects';
import { useStubbedTimeSkipping } from '../support/stubbedWorker';
import { workflowBundle } from '../support/temporal';

const t = useStubbedTimeSkipping();
const keyA = `rotation-a:${randomBytes(32).toString('base64')}`;
const keyB = `rotation-b:${randomBytes(32).toString('base64')}`;
const before = parsePayloadKeys(keyA);
const after = parsePayloadKeys(`${keyB},${keyA}`);

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** Every payload an event carries, except search attributes, which Temporal keeps unencrypted by design. */
function payloadsOf(value: unknown, found: Payload[] = []): Payload[] {
  if (!value || typeof value !== 'object') return found;
  if ('metadata' in value && 'data' in value) {
    found.push(value as Payload);
    return found;
  }
  for (const [key, child] of Object.entries(value)) if (key !== 'searchAttributes') payloadsOf(child, found);
  return found;
}

const keyIdOf = (p: Payload) => (p.metadata?.[KEY_ID_METADATA] ? decode(p.metadata[KEY_ID_METADATA]) : 'not encrypted');

/**
 * Key IDs of the payloads our data converter wrote, in order. Markers also hold the SDK core's own
 * bookkeeping (a patch's ID, a local activity's attempt data) in plain JSON, which never passes
 * through the codec; every other payload must be encrypted.
 */
const keyIds = (events: HistoryEvent[]) =>
  events.flatMap((e) => {
    const ids = payloadsOf(e).map(keyIdOf);
    return e.markerRecordedEventAttributes ? ids.filter((id) => id !== 'not encrypted') : ids;
  });

const decodes = async (ring: PayloadKeyRing, payloads: Payload[]) => new AesGcmPayloadCodec(ring).decode(payloads);

describe('payload key rotation under a running lifecycle', () => {
  it('finishes the purge on a worker with [B, A], writing under B, and the whole history still decodes', async () => {
    const taskQueue = uniqueId('rotation');
    const userId = uniqueId('user');
    const clientWith = (ring: PayloadKeyRing) => new Client({ connection: t.env.connection, dataConverter: projectDataConverter(ring) });
    const users = (ring: PayloadKeyRing) =>
      createLifecycleClient(userKind, { temporal: clientWith(ring), taskQueue, policy: policyFromEnv({}) });
    const handle = clientWith(after).workflow.getHandle(userWorkflowId(userId));

    // Started and terminated under key A; that worker then stops.
    await t.run(
      {},
      async () => {
        const v = await users(before).updateWithStart(userId, null, terminateUpdate, { terminatedAt: (await t.now()).toISOString() });
        expect(v.phase).toBe('QUARANTINED');
      },
      { taskQueue, dataConverter: projectDataConverter(before), maxCachedWorkflows: 0 },
    );
    const underA = (await handle.fetchHistory()).events ?? [];

    // The quarantine runs out on a worker that has rotated to [B, A].
    const purged = await t.run(
      {},
      async ({ calls }) => {
        await t.env.sleep('31 days');
        const result = await handle.result();
        expect(calls('purgeUser')).toHaveLength(1);
        return result;
      },
      { taskQueue, dataConverter: projectDataConverter(after) },
    );
    expect(purged).toMatchObject({ phase: 'PURGED', purgeRule: 'user.quarantine-purge' });

    const events = (await handle.fetchHistory()).events ?? [];
    const later = events.slice(underA.length);
    expect(new Set(keyIds(underA))).toEqual(new Set(['rotation-a']));
    expect(keyIds(later).length).toBeGreaterThan(0);
    expect(new Set(keyIds(later))).toEqual(new Set(['rotation-b']));

    // The rotated ring reads all of it; the old ring alone cannot read what was written under B.
    await expect(decodes(after, payloadsOf(events))).resolves.toHaveLength(payloadsOf(events).length);
    await expect(decodes(before, payloadsOf(later))).rejects.toThrow(/"rotation-b", which is not among PAYLOAD_KEYS/);
    // And the workflow code itself replays the mixed history under the rotated ring.
    await Worker.runReplayHistory(
      { workflowBundle: await workflowBundle(), dataConverter: projectDataConverter(after) },
      { events },
      userWorkflowId(userId),
    );
  });
});
