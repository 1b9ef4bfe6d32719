// `npm run bench:ledger [-- --records 5000 --concurrency 16]`: what the proof costs.
//   - ledger appends/s when many workers append at once (each append waits for the advisory lock
//     that keeps the hash chain from forking);
//   - how long `evidence:verify` takes to recompute the whole chain;
//   - payload codec throughput (AES-256-GCM encode + decode of a typical lifecycle payload).
// Runs on its own throwaway Postgres. Saves bench/results/ledger.json.
import { parseArgs } from 'node:util';
import { defaultPayloadConverter } from '@temporalio/common';
import path from 'node:path';
import { anchorEvidence, appendEvidence } from '../lifecycles/shared/evidence';
import { DEV_LEDGER_KEYS, parseLedgerKeys } from '../ledger/keys';
import { createLedger } from '../ledger/ledger';
import { createDb } from '../db/client';
import { verifyLedgers } from '../ledger/verify';
import { AesGcmPayloadCodec } from '../temporal/codec';
import { DEV_PAYLOAD_KEYS, parsePayloadKeys } from '../temporal/payloadKeys';
import { startServers } from '../testkit/servers';
import { pooled, saveResult } from './support/benchStack';

const { values: opts } = parseArgs({
  options: { records: { type: 'string', default: '5000' }, concurrency: { type: 'string', default: '16' } },
});
const N = Number(opts.records);
const C = Number(opts.concurrency);
const log = (m: string) => console.log(`[bench:ledger] ${m}`);

async function main(): Promise<void> {
  const stack = await startServers();
  // As the worker appends: the runtime role, sealed and anchored.
  const db = createDb(stack.runtimeDatabaseUrl);
  const ledger = createLedger({ keys: parseLedgerKeys(DEV_LEDGER_KEYS), anchorDir: path.join(stack.dir, 'anchors') });
  try {
    const t0 = Date.now();
    const appended = await pooled(
      Array.from({ length: N }, (_, i) => i),
      C,
      async (i) => {
        const record = await db.$transaction((tx) =>
          appendEvidence(tx, ledger, {
            idempotencyKey: `bench-${i}`,
            subjectKind: 'user',
            subjectId: `user-${i}`,
            action: 'purge',
            rule: 'user.quarantine-purge',
            policyVersion: 'nitd-2026.1',
            reason: null,
            tables: { UserAccount: { anonymised: 1 }, LoginFactor: { deleted: 1 }, SupportCase: { anonymised: 2 } },
            workflowId: `user-lifecycle-user-${i}`,
            runId: 'run',
            triggeredAt: new Date().toISOString(),
            dueAt: new Date().toISOString(),
            startedAt: new Date(),
          }),
        );
        await anchorEvidence(db, ledger, record);
      },
    );
    const appendMs = Date.now() - t0;
    const t1 = Date.now();
    const report = await verifyLedgers(db, ledger);
    const verifyMs = Date.now() - t1;
    if (!report.ok || report.records !== N) throw new Error(`chain not intact: ${JSON.stringify(report)}`);

    const codec = new AesGcmPayloadCodec(parsePayloadKeys(DEV_PAYLOAD_KEYS));
    const payload = defaultPayloadConverter.toPayload({
      userId: 'user-0001-01',
      terminatedAt: new Date().toISOString(),
      reason: 'sluttet',
      policy: { version: 'nitd-2026.1', userQuarantine: 'P30D' },
    });
    const M = 20_000;
    const t2 = process.hrtime.bigint();
    for (let i = 0; i < M; i++) await codec.decode(await codec.encode([payload]));
    const codecUs = Number(process.hrtime.bigint() - t2) / 1000 / M;

    const result = {
      records: N,
      concurrency: C,
      failedAppends: appended.failed,
      appendsPerSecond: Math.round((N / appendMs) * 1000),
      verifyMs,
      verifyRecordsPerSecond: Math.round((N / verifyMs) * 1000),
      codecRoundTripMicroseconds: Number(codecUs.toFixed(1)),
      payloadBytes: payload.data?.length,
    };
    log(JSON.stringify(result));
    saveResult('ledger', result);
  } finally {
    await db.$disconnect();
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
