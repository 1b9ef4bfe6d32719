// IDs for throwaway subjects, queues and databases: unique per run, readable in a failure.
import { randomUUID } from 'node:crypto';

export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}
