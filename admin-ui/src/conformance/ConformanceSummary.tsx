// The dashboard's first card: the conformance scan's open findings (green at zero, red otherwise),
// by rule (each linked to that rule's open findings), and when the last scan finished, with a
// warning when it is older than two days or there has never been one (the schedule is not running).
import { Alert, Box, Card, CardContent, CardHeader, CircularProgress, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link, useDataProvider, useTranslate } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import { useFormat } from '../i18n/format';
import { findingsLink } from './parts';

const STALE_MS = 2 * 86_400_000;

function Block({ title, children, testId }: { title: string; children: React.ReactNode; testId: string }) {
  return (
    <Box sx={{ flex: '1 1 220px', minWidth: 0 }} data-testid={testId}>
      <Typography variant="subtitle2" component="h3" color="text.secondary" gutterBottom>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

export function ConformanceSummary({ enabled }: { enabled: boolean }) {
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const translate = useTranslate();
  const f = useFormat();
  const { data, error, isPending } = useQuery({
    queryKey: ['conformance', 'status'],
    // Judged when the answer arrives, not at each render: a render must not read the clock.
    queryFn: async () => {
      const status = await dataProvider.conformanceStatus();
      const last = status.lastScan;
      return { ...status, stale: !last || Date.now() - Date.parse(last.finishedAt) > STALE_MS };
    },
    enabled,
    retry: false,
  });
  const t = (key: string, params?: object) => translate(`nitd.conformance.dashboard.${key}`, params);
  const rules = Object.entries(data?.byRule ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const last = data?.lastScan;
  const stale = data?.stale ?? false;
  return (
    <Card data-testid="conformance">
      <CardHeader title={t('title')} subheader={t('help')} slotProps={{ title: { component: 'h2', variant: 'h6' } }} />
      <CardContent sx={{ pt: 0 }}>
        {isPending ? (
          <CircularProgress size={24} aria-label={translate('ra.page.loading')} />
        ) : error || !data ? (
          <Alert severity="warning">{t('unavailable', { error: (error as Error)?.message ?? '' })}</Alert>
        ) : (
          <Box sx={{ display: 'flex', gap: 3, flexWrap: 'wrap' }}>
            <Block title={t('open')} testId="conformance-open">
              <Typography
                component="p"
                variant="h3"
                sx={{ fontWeight: 700, color: data.openFindings === 0 ? 'success.main' : 'error.main', lineHeight: 1.1 }}
                data-open={data.openFindings}
              >
                {data.openFindings}
              </Typography>
              <Link to={findingsLink({ open: true })}>{t('openLink')}</Link>
            </Block>
            <Block title={t('byRule')} testId="conformance-by-rule">
              {rules.length === 0 ? (
                <Typography variant="body2">{t('byRuleNone')}</Typography>
              ) : (
                <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, maxWidth: 360 }}>
                  {rules.map(([rule, n]) => (
                    <Box component="li" key={rule} sx={{ display: 'flex', justifyContent: 'space-between', gap: 2, py: 0.25 }}>
                      <Link to={findingsLink({ open: true, rule })}>{rule}</Link>
                      <strong>{n}</strong>
                    </Box>
                  ))}
                </Box>
              )}
            </Block>
            <Block title={t('lastScan')} testId="conformance-last-scan">
              {last && (
                <Typography variant="body2">
                  {t('lastScanAt', { at: f.dateTime(last.finishedAt), ago: f.relative(last.finishedAt) })}
                  <br />
                  {translate('nitd.conformance.dashboard.rows', { smart_count: last.rowsExamined })}
                </Typography>
              )}
              {stale && (
                <Alert severity="warning" sx={{ mt: 1 }} data-testid="conformance-stale">
                  {t(last ? 'stale' : 'never')}
                </Alert>
              )}
              <Link to="/conformanceScans">{t('scansLink')}</Link>
            </Block>
          </Box>
        )}
      </CardContent>
    </Card>
  );
}
