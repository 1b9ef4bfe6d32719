// The workflow history as a readable timeline, from the API's parsed history.
import { Alert, Box, Button, Chip, CircularProgress, Typography } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useNotify } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import type { TimelineEntry } from '../types';
import { formatDate } from './phase';

const DOT: Record<TimelineEntry['kind'], string> = {
  lifecycle: '#1f4e79',
  request: '#8e24aa',
  activity: '#2e7d32',
  timer: '#ef6c00',
  phase: '#0277bd',
};
const OUTCOME: Record<NonNullable<TimelineEntry['outcome']>, 'success' | 'error' | 'warning' | 'default'> = {
  ok: 'success',
  failed: 'error',
  pending: 'warning',
  cancelled: 'default',
};

export function Timeline({ id }: { id: string }) {
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const notify = useNotify();
  const { data, isPending, error } = useQuery({
    queryKey: ['lifecycles', 'history', id],
    queryFn: () => dataProvider.lifecycleHistory(id),
  });
  const download = () => dataProvider.downloadHistory(id).catch((e: Error) => notify(e.message, { type: 'error' }));

  return (
    <Box>
      <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', mb: 1 }}>
        <Typography variant="h6">History</Typography>
        <Button size="small" startIcon={<DownloadIcon />} onClick={download} data-testid="download-history">
          Raw history (JSON)
        </Button>
      </Box>
      {isPending && <CircularProgress size={24} />}
      {error && <Alert severity="warning">The history needs Temporal, which did not answer: {(error as Error).message}</Alert>}
      <Box component="ol" sx={{ listStyle: 'none', p: 0, m: 0 }} data-testid="timeline">
        {data?.timeline.map((e) => (
          <Box component="li" key={e.id} sx={{ display: 'flex', gap: 2, pb: 1.5, position: 'relative' }}>
            <Box
              sx={{
                width: 12,
                height: 12,
                borderRadius: '50%',
                bgcolor: DOT[e.kind],
                mt: 0.75,
                flexShrink: 0,
                boxShadow: '0 0 0 3px #fff, 0 0 0 4px #ddd',
              }}
            />
            <Box sx={{ flexGrow: 1 }}>
              <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  {e.title}
                </Typography>
                {e.kind === 'activity' && e.outcome && (
                  <Chip size="small" label={e.outcome === 'ok' ? 'succeeded' : e.outcome} color={OUTCOME[e.outcome]} variant="outlined" />
                )}
                {e.attempts !== undefined && e.attempts > 1 && <Chip size="small" color="error" label={`${e.attempts} attempts`} />}
              </Box>
              {e.detail && (
                <Typography variant="caption" color="text.secondary" component="div">
                  {e.detail}
                </Typography>
              )}
            </Box>
            <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap' }} title={e.at}>
              {formatDate(e.at)}
            </Typography>
          </Box>
        ))}
      </Box>
    </Box>
  );
}
