// The history download an auditor can read: every event as Temporal exports it, with each payload
// decrypted and decoded to its JSON value (the history holds opaque IDs, times, rules, counts and
// reasons that the API refused to accept personal data in: nothing personal travels in a workflow,
// which is what this download lets an auditor check for themselves).
import type { LoadedDataConverter } from '@temporalio/common';
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isPayload = (v: Record<string, Json>) =>
  typeof v.metadata === 'object' && v.metadata !== null && !Array.isArray(v.metadata) && 'encoding' in v.metadata;

async function decodeOne(converter: LoadedDataConverter, p: Record<string, Json>): Promise<Json> {
  const metadata = Object.fromEntries(Object.entries(p.metadata as Record<string, string>).map(([k, v]) => [k, Buffer.from(v, 'base64')]));
  const payload = { metadata, data: typeof p.data === 'string' ? Buffer.from(p.data, 'base64') : undefined };
  try {
    const [value] = await decodeArrayFromPayloads(converter, [payload]);
    return (value ?? null) as Json;
  } catch {
    return { undecodable: true, encoding: metadata.encoding?.toString() ?? null };
  }
}

async function decodeTree(converter: LoadedDataConverter, v: Json): Promise<Json> {
  if (Array.isArray(v)) return Promise.all(v.map((x) => decodeTree(converter, x)));
  if (v === null || typeof v !== 'object') return v;
  if (isPayload(v)) return decodeOne(converter, v);
  const out: Record<string, Json> = {};
  for (const [k, x] of Object.entries(v)) out[k] = await decodeTree(converter, x);
  return out;
}

export interface DecodedHistory {
  workflowId: string;
  exportedAt: string;
  about: string;
  events: Json[];
}

export async function decodedHistory(
  workflowId: string,
  history: temporal.api.history.v1.IHistory,
  converter: LoadedDataConverter,
): Promise<DecodedHistory> {
  const raw = JSON.parse(historyToJSON(history)) as { events?: Json[] };
  const events: Json[] = [];
  for (const e of raw.events ?? []) events.push(await decodeTree(converter, e));
  return {
    workflowId,
    exportedAt: new Date().toISOString(),
    about:
      'Workflow history with every payload decrypted and decoded (Temporal JSON export otherwise unchanged). ' +
      'It holds opaque IDs, times, rule IDs, policy versions, counts and reasons; no personal data.',
    events,
  };
}
