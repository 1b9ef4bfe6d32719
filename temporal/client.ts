import { Client, Connection } from '@temporalio/client';
import type { AppConfig } from '../config/env';
import { projectDataConverter } from './codec';

/** One Temporal client per process; the API, scripts and tests share this setup. Payloads are encrypted (temporal/codec.ts). */
export async function createTemporalClient(config: Pick<AppConfig, 'temporal' | 'payloadKeys'>): Promise<Client> {
  const connection = await Connection.connect({ address: config.temporal.address });
  return new Client({ connection, namespace: config.temporal.namespace, dataConverter: projectDataConverter(config.payloadKeys) });
}
