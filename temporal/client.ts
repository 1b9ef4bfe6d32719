import { Client, Connection } from '@temporalio/client';
import type { AppConfig } from '../config/env';

/** One Temporal client per process; the API, scripts and tests share this setup. */
export async function createTemporalClient(config: Pick<AppConfig, 'temporal'>): Promise<Client> {
  const connection = await Connection.connect({ address: config.temporal.address });
  return new Client({ connection, namespace: config.temporal.namespace });
}
