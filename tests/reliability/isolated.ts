// A migrated database and a task queue of their own, for tests that scan whole tables.
import { createIsolatedDatabase } from '../support/isolatedDatabase';
import { uniqueId } from '../support/subjects';

export async function isolatedDatabaseWith(prefix: string): Promise<{ url: string; queue: string }> {
  return { url: await createIsolatedDatabase(prefix), queue: uniqueId(prefix) };
}
