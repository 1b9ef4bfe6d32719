import { Client, Connection } from '@temporalio/client';
import { projectDataConverter } from './codec';
import type { PayloadKeyRing } from './payloadKeys';

export interface TemporalClientSettings {
  temporal: { address: string; namespace: string };
  payloadKeys: PayloadKeyRing;
}

/** One Temporal client per process; the API, scripts and tests share this setup. Payloads are encrypted (temporal/codec.ts). */
export async function createTemporalClient(settings: TemporalClientSettings): Promise<Client> {
  const connection = await Connection.connect({ address: settings.temporal.address });
  return new Client({ connection, namespace: settings.temporal.namespace, dataConverter: projectDataConverter(settings.payloadKeys) });
}
