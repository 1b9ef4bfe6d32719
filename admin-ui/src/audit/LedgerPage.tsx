// The ledger page: runs both ledgers' check, evidence and admin actions (the same recomputation as
// npm run evidence:verify) and shows each result: intact, or the first broken link; and the anchors.
import { Alert, Box, Button, Card, CardContent, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { Link, Title, useDataProvider, useTranslate } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import type { LedgerChainCheck } from '../types';
import { useFormat } from '../i18n/format';
import { usePageTitle } from '../usePageTitle';

const FACTS = { display: 'grid', gridTemplateColumns: 'minmax(10rem, max-content) 1fr', gap: '0.25rem 1rem', m: 0 } as const;

/** One ledger's facts: intact or its first broken link, its length, head and anchored record. */
function ChainFacts({ title, c, testId }: { title: string; c: LedgerChainCheck; testId: string }) {
  const translate = useTranslate();
  return (
    <Box component="section" data-testid={testId}>
      <Typography variant="h6" component="h2" gutterBottom>
        {title}: {translate(c.ok ? 'nitd.ledger.ok' : 'nitd.ledger.broken')}
      </Typography>
      {c.firstBroken && (
        <Alert severity="error" sx={{ mb: 1 }}>
          {translate('nitd.ledger.firstBroken', {
            seq: c.firstBroken.seq,
            id: c.firstBroken.id ?? '—',
            problem: translate(`nitd.ledger.problem.${c.firstBroken.problem}`),
          })}
        </Alert>
      )}
      <Box component="dl" sx={FACTS}>
        <dt>{translate('nitd.ledger.records')}</dt>
        <dd style={{ margin: 0 }}>{c.records}</dd>
        <dt>{translate('nitd.ledger.unsealedPrefix')}</dt>
        <dd style={{ margin: 0 }}>{c.unsealedPrefix}</dd>
        <dt>{translate('nitd.ledger.headSeq')}</dt>
        <dd style={{ margin: 0 }}>{c.headSeq ?? '—'}</dd>
        <dt>{translate('nitd.ledger.anchoredSeq')}</dt>
        <dd style={{ margin: 0 }}>{c.anchoredSeq ?? '—'}</dd>
        <dt>{translate('nitd.ledger.head')}</dt>
        <dd style={{ margin: 0, overflowWrap: 'anywhere' }}>
          <code>{c.headHash ?? '—'}</code>
        </dd>
      </Box>
    </Box>
  );
}

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
          <Box data-testid="ledger-result" sx={{ display: 'grid', gap: 2 }}>
            <Alert severity={r.ok && r.adminActions.ok ? 'success' : 'error'}>
              <strong>{translate(r.ok && r.adminActions.ok ? 'nitd.ledger.allOk' : 'nitd.ledger.someBroken')}</strong>
            </Alert>
            <ChainFacts title={translate('nitd.ledger.evidence')} c={r} testId="ledger-evidence" />
            <ChainFacts title={translate('nitd.ledger.adminActions')} c={r.adminActions} testId="ledger-admin-actions" />
            <Box component="dl" sx={FACTS}>
              <dt>{translate('nitd.ledger.anchors')}</dt>
              <dd style={{ margin: 0 }}>
                {r.anchors.enabled
                  ? translate('nitd.ledger.anchorFiles', { smart_count: r.anchors.files, invalid: r.anchors.invalidLines })
                  : translate('nitd.ledger.noAnchors')}
              </dd>
              <dt>{translate('nitd.ledger.checkedAt')}</dt>
              <dd style={{ margin: 0 }}>{f.dateTime(r.checkedAt)}</dd>
              <dt>{translate('nitd.ledger.took')}</dt>
              <dd style={{ margin: 0 }}>{r.tookMs} ms</dd>
            </Box>
          </Box>
        )}
      </CardContent>
    </Card>
  );
}
