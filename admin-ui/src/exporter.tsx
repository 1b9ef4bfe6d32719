// Export for every list, whatever its size: pages through the data provider at the API's page
// limit (500) and saves one CSV, instead of react-admin's single request for 1 000 rows that the API
// refuses. Failures are said on screen, not only in the browser's console.
import DownloadIcon from '@mui/icons-material/Download';
import { useState } from 'react';
import { Button, useDataProvider, useListContext, useNotify, useTranslate } from 'react-admin';

const PAGE = 500;

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: Record<string, unknown>[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\r\n') + '\r\n';
}

export function saveFile(name: string, type: string, content: BlobPart): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function PagedExportButton() {
  const { resource, filterValues, sort, total } = useListContext();
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const translate = useTranslate();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const rows: Record<string, unknown>[] = [];
      for (let page = 1; ; page++) {
        const res = await dataProvider.getList(resource, { filter: filterValues, sort, pagination: { page, perPage: PAGE } });
        rows.push(...(res.data as Record<string, unknown>[]));
        if (res.data.length < PAGE || (res.total !== undefined && rows.length >= res.total)) break;
      }
      saveFile(`${resource}.csv`, 'text/csv;charset=utf-8', '\ufeff' + toCsv(rows));
      notify('nitd.export.done', { type: 'success', messageArgs: { smart_count: rows.length } });
    } catch (err) {
      const body = (err as { body?: { error?: string } }).body;
      notify('nitd.export.failed', { type: 'error', messageArgs: { error: body?.error ?? (err as Error).message } });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button label={translate('ra.action.export')} onClick={run} disabled={busy || total === 0} data-testid="export">
      <DownloadIcon />
    </Button>
  );
}
