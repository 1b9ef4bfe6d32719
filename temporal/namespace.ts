// How long Temporal keeps a namespace's closed workflows (histories and search attributes) after
// they end. Lifecycle histories hold opaque IDs and encrypted payloads only, but nothing should
// outlive its purpose: npm start and the compose setup set it (TEMPORAL_RETENTION), and the worker
// refuses to start on a namespace that keeps them longer.
import type { Client } from '@temporalio/client';

type Connection = Pick<Client['connection'], 'workflowService'>;
import { msToTs, tsToMs } from '@temporalio/common/lib/time';

export async function namespaceRetentionMs(connection: Connection, namespace: string): Promise<number | null> {
  const { config } = await connection.workflowService.describeNamespace({ namespace });
  const ttl = config?.workflowExecutionRetentionTtl;
  return ttl ? tsToMs(ttl) : null;
}

export async function setNamespaceRetention(connection: Connection, namespace: string, retentionMs: number): Promise<void> {
  await connection.workflowService.updateNamespace({ namespace, config: { workflowExecutionRetentionTtl: msToTs(retentionMs) } });
}

export class RetentionError extends Error {}

/** Refuses a namespace that keeps closed histories longer than configured (or forever). */
export async function assertNamespaceRetention(connection: Connection, namespace: string, maxMs: number): Promise<void> {
  const kept = await namespaceRetentionMs(connection, namespace);
  if (kept === null || kept === 0 || kept > maxMs) {
    const days = (ms: number) => `${Math.round((ms / 86_400_000) * 10) / 10} days`;
    throw new RetentionError(
      `Temporal namespace "${namespace}" keeps closed workflows ${kept ? `for ${days(kept)}` : 'without a limit'}, longer than TEMPORAL_RETENTION (${days(maxMs)}): ` +
        `set its retention (temporal operator namespace update --retention) or raise TEMPORAL_RETENTION, at most P30D`,
    );
  }
}
