// The ledger page: runs the evidence chain's check (the same recomputation as npm run
// evidence:verify) and shows its result: intact, or the first broken link.
import { Alert, Box, Button, Card, CardContent, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { Link, Title, useDataProvider, useTranslate } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import { useFormat } from '../i18n/format';
import { usePageTitle } from '../usePageTitle';

export function LedgerPage() {
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const translate = useTranslate();
  const f = useFormat();
  const title = translate('nitd.ledger.title');
  usePageTitle(title);
  const check = useMutation({ mutationFn: () => dataProvider.ledgerCheck() });
  const r = check.data;
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={title} />
      <CardContent>
        <Typography variant="h5" component="h1" gutterBottom>
          {title}
        </Typography>
        <Typography variant="body2" sx={{ mb: 2, maxWidth: '60rem' }}>
          {translate('nitd.ledger.intro')}
        </Typography>
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mb: 2 }}>
          <Button variant="contained" onClick={() => check.mutate()} disabled={check.isPending} data-testid="ledger-check">
            {translate(check.isPending ? 'nitd.ledger.running' : 'nitd.ledger.run')}
          </Button>
          <Button component={Link} to="/evidence">
            {translate('nitd.ledger.evidenceLink')}
          </Button>
        </Box>
        {check.isError && <Alert severity="error">{translate('nitd.ledger.failed', { error: (check.error as Error).message })}</Alert>}
        {r && (
          <Box data-testid="ledger-result">
            <Alert severity={r.ok ? 'success' : 'error'} sx={{ mb: 2 }}>
              <strong>{translate(r.ok ? 'nitd.ledger.ok' : 'nitd.ledger.broken')}</strong>
              {r.firstBroken && (
                <div>
                  {translate('nitd.ledger.firstBroken', {
                    seq: r.firstBroken.seq,
                    id: r.firstBroken.id,
                    problem: translate(`nitd.ledger.problem.${r.firstBroken.problem}`),
                  })}
                </div>
              )}
            </Alert>
            <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'minmax(10rem, max-content) 1fr', gap: '0.25rem 1rem', m: 0 }}>
              <dt>{translate('nitd.ledger.records')}</dt>
              <dd style={{ margin: 0 }}>{r.records}</dd>
              <dt>{translate('nitd.ledger.beforeChain')}</dt>
              <dd style={{ margin: 0 }}>{r.beforeChain}</dd>
              <dt>{translate('nitd.ledger.headSeq')}</dt>
              <dd style={{ margin: 0 }}>{r.headSeq ?? '—'}</dd>
              <dt>{translate('nitd.ledger.head')}</dt>
              <dd style={{ margin: 0, overflowWrap: 'anywhere' }}>
                <code>{r.headHash ?? '—'}</code>
              </dd>
              <dt>{translate('nitd.ledger.checkedAt')}</dt>
              <dd style={{ margin: 0 }}>{f.dateTime(r.checkedAt)}</dd>
              <dt>{translate('nitd.ledger.took')}</dt>
              <dd style={{ margin: 0 }}>{f.seconds(r.tookMs / 1000)}</dd>
            </Box>
          </Box>
        )}
      </CardContent>
    </Card>
  );
}
