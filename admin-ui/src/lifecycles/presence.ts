// Whether Temporal has the workflows of the rows on screen (GET /lifecycles/presence): a row Temporal
// lost says so in the list instead of "running". Asked after the page shows, so the list stays fast.
import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import type { LifecycleRecord, PresenceMap } from '../types';

export function usePresence(rows: LifecycleRecord[] | undefined): PresenceMap {
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const ids = (rows ?? []).filter((r) => r.status === 'running').map((r) => r.id);
  const { data } = useQuery({
    queryKey: ['lifecycles', 'presence', ids],
    queryFn: () => dataProvider.presence(ids),
    enabled: ids.length > 0,
    staleTime: 30_000,
    retry: false,
  });
  return data ?? {};
}
