// A subject's erasure receipt in the console: readable on any screen, printable (or saved as PDF
// from the print dialog), and downloadable as one self-contained HTML page or as the API's JSON.
// Opened with the console's own sign-in: no token to paste.
import { Alert, Box, Button, CircularProgress, Stack } from '@mui/material';
import PrintIcon from '@mui/icons-material/Print';
import DownloadIcon from '@mui/icons-material/Download';
import { useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { Link, Title, useDataProvider, useLocaleState, useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import type { ConsoleDataProvider } from '../dataProvider';
import { saveFile } from '../exporter';
import { useFormat, type Format } from '../i18n/format';
import { useLabels } from '../i18n/labels';
import { NotFound } from '../NotFound';
import { usePageTitle } from '../usePageTitle';
import type { Receipt, ReceiptFinding, ReceiptRecord } from '../types';

/** One stylesheet for the page, its print and the downloaded file: narrow columns, hashes that wrap. */
export const RECEIPT_CSS = `
.receipt { font: 14px/1.5 system-ui, sans-serif; max-width: 60rem; }
.receipt h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
.receipt h2 { font-size: 1.15rem; margin: 1.25rem 0 .5rem; }
.receipt dl { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: .25rem 1rem; margin: 0; }
.receipt dt { font-weight: 600; }
.receipt dd { margin: 0; overflow-wrap: anywhere; }
.receipt code { font-size: 12px; overflow-wrap: anywhere; word-break: break-all; }
.receipt .verdict { font-size: 1.25rem; font-weight: 700; }
.receipt .record { border: 1px solid #9aa5b1; border-radius: 6px; padding: .75rem; margin: .5rem 0; break-inside: avoid; }
.receipt table { border-collapse: collapse; width: 100%; }
.receipt th, .receipt td { border: 1px solid #9aa5b1; padding: .2rem .4rem; text-align: left; }
.receipt .bad { color: #b00020; font-weight: 700; }
@media print {
  body * { visibility: hidden; }
  .receipt, .receipt * { visibility: visible; }
  .receipt { position: absolute; left: 0; top: 0; color: #000; }
  .no-print { display: none !important; }
}`;

function findingText(f: ReceiptFinding, fmt: Format, t: ReturnType<typeof useLabels>['translate']): string {
  const p = f.params;
  const when = (k: string) => (typeof p[k] === 'string' ? fmt.dateTime(p[k] as string) : '—');
  const deadline = p.requestedAt
    ? `${when('deadline')}; ${t('nitd.receipt.requestDeadline', { requestedAt: when('requestedAt') })}`
    : p.deadline
      ? when('deadline')
      : t('nitd.duration.none');
  return t(`nitd.receipt.finding.${f.code}`, {
    _: f.code,
    action: t(`nitd.evidenceAction.${String(p.action ?? '')}`, { _: String(p.action ?? '') }),
    rule: String(p.rule ?? ''),
    finishedAt: when('finishedAt'),
    deadline,
    policyVersion: String(p.policyVersion ?? ''),
    late: typeof p.lateBySeconds === 'number' ? fmt.seconds(p.lateBySeconds) : '',
    evidenceId: String(p.evidenceId ?? ''),
    at: when('at'),
    since: when('since'),
    terminatedAt: when('terminatedAt'),
    phase: String(p.phase ?? ''),
  });
}

function Tables({ tables }: { tables: unknown }) {
  const translate = useTranslate();
  const rows = Object.entries((tables ?? {}) as Record<string, { deleted?: number; anonymised?: number }>);
  if (!rows.length) return <>{translate('nitd.evidence.noTables')}</>;
  return (
    <>
      {rows
        .map(
          ([name, c]) =>
            `${name}: ${
              [
                c.deleted ? `${c.deleted} ${translate('nitd.evidence.deleted').toLowerCase()}` : '',
                c.anonymised ? `${c.anonymised} ${translate('nitd.evidence.anonymised').toLowerCase()}` : '',
              ]
                .filter(Boolean)
                .join(', ') || '0'
            }`,
        )
        .join('; ')}
    </>
  );
}

function Checks({ detail }: { detail: unknown }) {
  const translate = useTranslate();
  const checks = (detail as { checks?: { store: string; check: string; found: number }[] } | null)?.checks ?? [];
  if (!checks.length) return null;
  return (
    <table>
      <thead>
        <tr>
          <th>{translate('nitd.evidence.store')}</th>
          <th>{translate('nitd.evidence.check')}</th>
          <th>{translate('nitd.evidence.found')}</th>
        </tr>
      </thead>
      <tbody>
        {checks.map((c) => (
          <tr key={`${c.store}-${c.check}`}>
            <td>{c.store}</td>
            <td>{c.check}</td>
            <td className={c.found ? 'bad' : undefined}>{c.found}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Record({ r }: { r: ReceiptRecord }) {
  const translate = useTranslate();
  const f = useFormat();
  const t = (k: string) => translate(`resources.evidence.fields.${k}`);
  return (
    <section className="record" data-testid="receipt-record">
      <dl>
        <dt>{t('seq')}</dt>
        <dd>{r.seq}</dd>
        <dt>{t('action')}</dt>
        <dd>{translate(`nitd.evidenceAction.${r.action}`, { _: r.action })}</dd>
        <dt>{t('rule')}</dt>
        <dd>{r.rule}</dd>
        <dt>{t('policyVersion')}</dt>
        <dd>{r.policyVersion}</dd>
        {r.action !== 'verify' && (
          <>
            <dt>{translate('nitd.evidence.tables')}</dt>
            <dd>
              <Tables tables={r.tables} />
            </dd>
          </>
        )}
        {r.dueAt && (
          <>
            <dt>{t('dueAt')}</dt>
            <dd>{f.dateTime(r.dueAt)}</dd>
          </>
        )}
        <dt>{t('startedAt')}</dt>
        <dd>{f.dateTime(r.startedAt)}</dd>
        <dt>{t('finishedAt')}</dt>
        <dd>{f.dateTime(r.finishedAt)}</dd>
        <dt>{t('workflowId')}</dt>
        <dd>
          <code>{r.workflowId}</code>
        </dd>
        <dt>{t('hash')}</dt>
        <dd>
          <code>{r.hash ?? '—'}</code> ·{' '}
          <span className={r.hashValid ? undefined : 'bad'}>
            {translate(r.hashValid ? 'nitd.receipt.hashValid' : 'nitd.receipt.hashInvalid')}
          </span>
        </dd>
      </dl>
      {r.action === 'verify' && <Checks detail={r.detail} />}
    </section>
  );
}

export function ReceiptDocument({ receipt }: { receipt: Receipt }) {
  const translate = useTranslate();
  const f = useFormat();
  const labels = useLabels();
  return (
    <article className="receipt" data-testid="receipt">
      <h1>
        {translate('nitd.receipt.title')}: {labels.kind(receipt.subjectKind)} {receipt.subjectId}
      </h1>
      <dl>
        <dt>{translate('nitd.receipt.subject')}</dt>
        <dd>
          {labels.kind(receipt.subjectKind)} <code>{receipt.subjectId}</code>
        </dd>
        <dt>{translate('nitd.receipt.terminated')}</dt>
        <dd>{f.dateTime(receipt.terminatedAt)}</dd>
        <dt>{translate('nitd.receipt.deadline')}</dt>
        <dd>{f.dateTime(receipt.dueAt)}</dd>
        <dt>{translate('nitd.receipt.erased')}</dt>
        <dd>{f.dateTime(receipt.erasedAt)}</dd>
        <dt>{translate('nitd.receipt.ledgerHash')}</dt>
        <dd>
          <code>{receipt.ledgerHash ?? '—'}</code>
        </dd>
        <dt>{translate('nitd.receipt.generated')}</dt>
        <dd>{f.dateTime(receipt.generatedAt)}</dd>
      </dl>
      <h2>{translate('nitd.receipt.onTime')}</h2>
      <p className="verdict" data-verdict={receipt.erasedOnTime.verdict}>
        {translate(`nitd.receipt.verdict.${receipt.erasedOnTime.verdict}`)}
      </p>
      <ul>
        {receipt.findings.map((x, i) => (
          <li key={i}>{findingText(x, f, translate)}</li>
        ))}
      </ul>
      <h2>{translate('nitd.receipt.what')}</h2>
      {receipt.erasures.length ? receipt.erasures.map((r) => <Record key={r.evidenceId} r={r} />) : <p>{translate('nitd.receipt.none')}</p>}
      <h2>{translate('nitd.receipt.verification')}</h2>
      {receipt.verifications.length ? (
        receipt.verifications.map((r) => <Record key={r.evidenceId} r={r} />)
      ) : (
        <p>{translate('nitd.receipt.none')}</p>
      )}
      <p>{translate('nitd.receipt.chainNote')}</p>
    </article>
  );
}

export function ReceiptPage() {
  const { kind = '', subjectId = '' } = useParams();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const translate = useTranslate();
  const labels = useLabels();
  const [locale] = useLocaleState();
  const doc = useRef<HTMLDivElement>(null);
  const title = `${translate('nitd.receipt.title')}: ${labels.kind(kind)} ${subjectId}`;
  usePageTitle(title);
  const { data, error, isPending } = useQuery({
    queryKey: ['receipts', kind, subjectId],
    queryFn: () => dataProvider.receipt(kind, subjectId),
    retry: false,
  });
  const file = `${kind}-${subjectId}-receipt`.replace(/[^A-Za-z0-9._-]/g, '_');
  const saveHtml = () => {
    const html = `<!doctype html>\n<html lang="${locale === 'en' ? 'en' : 'nb'}">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${title.replace(/[<&]/g, '')}</title>\n<style>body{margin:2rem;color:#111}${RECEIPT_CSS}</style>\n</head>\n<body>\n${doc.current?.innerHTML ?? ''}\n</body>\n</html>\n`;
    saveFile(`${file}.html`, 'text/html;charset=utf-8', html);
  };
  const saveJson = () => saveFile(`${file}.json`, 'application/json', JSON.stringify(data, null, 2));

  if (error && (error as { status?: number }).status === 404)
    return (
      <NotFound message={translate('nitd.notFound.record', { name: translate('nitd.subject.receipt').toLowerCase(), id: subjectId })} />
    );
  return (
    <Box sx={{ mt: 2, p: { xs: 1, sm: 2 }, bgcolor: 'background.paper', borderRadius: 1 }}>
      <Title title={title} />
      <style>{RECEIPT_CSS}</style>
      {isPending && <CircularProgress aria-label={translate('ra.page.loading')} />}
      {error && <Alert severity="error">{(error as Error).message}</Alert>}
      {data && (
        <>
          <Stack direction="row" spacing={1} className="no-print" sx={{ mb: 2, flexWrap: 'wrap', gap: 1 }}>
            <Button variant="contained" startIcon={<PrintIcon />} onClick={() => window.print()} data-testid="receipt-print">
              {translate('nitd.receipt.print')}
            </Button>
            <Button variant="outlined" startIcon={<DownloadIcon />} onClick={saveHtml} data-testid="receipt-html">
              {translate('nitd.receipt.downloadHtml')}
            </Button>
            <Button variant="outlined" startIcon={<DownloadIcon />} onClick={saveJson} data-testid="receipt-json">
              {translate('nitd.receipt.downloadJson')}
            </Button>
            <Button component={Link} to="/ledger">
              {translate('nitd.receipt.ledgerLink')}
            </Button>
          </Stack>
          <div ref={doc}>
            <ReceiptDocument receipt={data} />
          </div>
        </>
      )}
    </Box>
  );
}
