// The record of processing (in the spirit of GDPR art. 30): the data inventory the API serves
// (GET /api/admin/inventory, from policy/inventory.ts) grouped by store and table, each column with
// its category, whose data it is, what happens to it and when, the rule, the basis, and the privacy
// notice's own sentence. The counts at the top are computed from the entries, never written down.
// A table on a desktop and in print; one card per column on a phone.
import PrintIcon from '@mui/icons-material/Print';
import { Alert, Box, Button, Chip, CircularProgress, Typography, useMediaQuery, type Theme } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { Title, useDataProvider, useLocaleState } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import { useLabels } from '../i18n/labels';
import { usePageTitle } from '../usePageTitle';
import type { DataCategory, InventoryEntry } from '../types';

const CATEGORIES: DataCategory[] = ['personal', 'pseudonymous', 'not-personal'];
const CHIP: Record<DataCategory, 'warning' | 'info' | 'default'> = { personal: 'warning', pseudonymous: 'info', 'not-personal': 'default' };

/** The deadline's catalogue key: the policy's English phrase, lower case, words joined by dashes. */
const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

// Print the page alone: no app bar, menu or buttons; rows whole; chips in their colours.
const ROPA_CSS = `
.ropa table { border-collapse: collapse; width: 100%; } /* auto layout: each short column as wide as its words, the long texts share the rest */
.ropa th, .ropa td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--ropa-rule); overflow-wrap: break-word; }
.ropa th { font-weight: 600; font-size: .8rem; }
.ropa td { font-size: .875rem; }
.ropa blockquote { margin: 0; font-style: italic; }
@media print {
  .MuiAppBar-root, .RaSidebar-root, .MuiDrawer-root, .no-print, .RaLayout-appFrame > .MuiToolbar-root { display: none !important; }
  .RaLayout-appFrame { margin-top: 0 !important; }
  .RaLayout-content { padding: 0 !important; }
  body, .RaLayout-root { background: #fff !important; }
  .ropa { color: #000; }
  .ropa th, .ropa td { font-size: 8pt; padding: .15rem .3rem; border-bottom: 1px solid #999; }
  .ropa tr, .ropa .ropa-card { break-inside: avoid; }
  .ropa .ropa-scroll { overflow: visible !important; width: auto !important; }
  .ropa thead { display: table-header-group; }
  .ropa h2, .ropa h3 { break-after: avoid; }
  .ropa .MuiChip-root { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}`;

type Counts = Record<DataCategory, number>;
const countBy = (entries: InventoryEntry[]): Counts => {
  const c: Counts = { personal: 0, pseudonymous: 0, 'not-personal': 0 };
  for (const e of entries) c[e.category] = (c[e.category] ?? 0) + 1;
  return c;
};

/** Entries grouped by store, then by table, in the inventory's own order. */
function group(entries: InventoryEntry[]): [string, [string, InventoryEntry[]][]][] {
  const stores = new Map<string, Map<string, InventoryEntry[]>>();
  for (const e of entries) {
    const tables = stores.get(e.store) ?? stores.set(e.store, new Map()).get(e.store)!;
    (tables.get(e.table) ?? tables.set(e.table, []).get(e.table)!).push(e);
  }
  return [...stores].map(([store, tables]) => [store, [...tables]]);
}

function useInventoryLabels() {
  const labels = useLabels();
  const [locale] = useLocaleState();
  return {
    ...labels,
    category: (c: string) => labels.t(`nitd.ropa.category.${c}`, c),
    subject: (s: string | undefined) => (s ? labels.t(`nitd.ropa.subject.${s}`, s) : '—'),
    action: (a: string) => labels.t(`nitd.ropa.action.${a}`, a),
    store: (s: string) => labels.t(`nitd.ropa.store.${s}`, s),
    deadline: (d: string) => labels.t(`nitd.ropa.deadline.${slug(d)}`, d),
    /** The basis is the policy's own English text: say so to screen readers and spell checkers. */
    basisLang: locale === 'en' ? undefined : 'en',
    locale,
  };
}

/** A rule ID that may break after its dots (user.<wbr>quarantine-purge), never inside a word. */
const RuleCode = ({ rule }: { rule: string }) => (
  <code>
    {rule.split('.').map((part, i) => (
      <Fragment key={i}>
        {i > 0 && (
          <>
            .<wbr />
          </>
        )}
        {part}
      </Fragment>
    ))}
  </code>
);

function CategoryChip({ category }: { category: DataCategory }) {
  const l = useInventoryLabels();
  return <Chip size="small" color={CHIP[category] ?? 'default'} label={l.category(category)} sx={{ maxWidth: '100%' }} />;
}

function Notice({ text }: { text: string }) {
  return (
    <Box component="blockquote" lang="nb" sx={{ color: 'text.secondary' }}>
      «{text}»
    </Box>
  );
}

function EntryTable({ entries, columns, name }: { entries: InventoryEntry[]; columns: boolean; name: string }) {
  const l = useInventoryLabels();
  const t = (k: string) => l.translate(`nitd.ropa.${k}`);
  return (
    // width 0 + min-width 100%: the table never makes the page wider than the screen (its own
    // words decide its least width); when it cannot fit, it scrolls sideways in its own box.
    // Focusable and named, so a keyboard can scroll it too (WCAG 2.1.1).
    <Box className="ropa-scroll" tabIndex={0} role="region" aria-label={name} sx={{ width: 0, minWidth: '100%', overflowX: 'auto' }}>
      <Box component="table" sx={{ '--ropa-rule': (theme) => theme.palette.divider }}>
        <thead>
          <tr>
            <th scope="col">{t(columns ? 'column' : 'part')}</th>
            <th scope="col">{t('categoryHeader')}</th>
            <th scope="col">{t('concerns')}</th>
            <th scope="col">{t('what')}</th>
            <th scope="col">{t('rule')}</th>
            <th scope="col">{t('deadlineHeader')}</th>
            <th scope="col">{t('basis')}</th>
            <th scope="col">{t('notice')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={`${e.table}.${e.column ?? ''}`} data-category={e.category}>
              <th scope="row" style={{ fontWeight: 400 }}>
                {columns ? <code>{e.column}</code> : e.table}
              </th>
              <td>
                <CategoryChip category={e.category} />
              </td>
              <td>{l.subject(e.subject)}</td>
              <td>{l.action(e.action)}</td>
              <td>{e.rule ? <RuleCode rule={e.rule} /> : t('noRule')}</td>
              <td>{l.deadline(e.deadline)}</td>
              <td lang={l.basisLang}>{e.basis}</td>
              <td>
                <Notice text={e.notice} />
              </td>
            </tr>
          ))}
        </tbody>
      </Box>
    </Box>
  );
}

/** A phone's version: one card per column, its facts as a definition list. */
function EntryCards({ entries, columns }: { entries: InventoryEntry[]; columns: boolean }) {
  const l = useInventoryLabels();
  const t = (k: string) => l.translate(`nitd.ropa.${k}`);
  return (
    <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, display: 'flex', flexDirection: 'column', gap: 1 }}>
      {entries.map((e) => (
        <Box
          component="li"
          key={`${e.table}.${e.column ?? ''}`}
          className="ropa-card"
          data-category={e.category}
          sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1 }}
        >
          <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 1, mb: 0.5, flexWrap: 'wrap' }}>
            <Typography component="p" variant="body2" sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
              {columns ? <code>{e.column}</code> : e.table}
            </Typography>
            <CategoryChip category={e.category} />
          </Box>
          <Box
            component="dl"
            sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '0.15rem 0.75rem', m: 0, fontSize: '0.875rem' }}
          >
            <dt>{t('concerns')}</dt>
            <dd style={{ margin: 0 }}>{l.subject(e.subject)}</dd>
            <dt>{t('what')}</dt>
            <dd style={{ margin: 0 }}>{l.action(e.action)}</dd>
            <dt>{t('rule')}</dt>
            <dd style={{ margin: 0, overflowWrap: 'anywhere' }}>{e.rule ? <code>{e.rule}</code> : t('noRule')}</dd>
            <dt>{t('deadlineHeader')}</dt>
            <dd style={{ margin: 0, overflowWrap: 'anywhere' }}>{l.deadline(e.deadline)}</dd>
            <dt>{t('basis')}</dt>
            <dd style={{ margin: 0, overflowWrap: 'anywhere' }} lang={l.basisLang}>
              {e.basis}
            </dd>
          </Box>
          <Box sx={{ mt: 0.5, fontSize: '0.875rem' }}>
            <Notice text={e.notice} />
          </Box>
        </Box>
      ))}
    </Box>
  );
}

function Summary({ entries }: { entries: InventoryEntry[] }) {
  const l = useInventoryLabels();
  const categories = (c: Counts) =>
    CATEGORIES.filter((k) => c[k] > 0)
      .map((k) => l.translate(`nitd.ropa.categoryCount.${k}`, { smart_count: c[k] }))
      .join(', ');
  const columns = entries.filter((e) => e.column !== undefined);
  const others = entries.filter((e) => e.column === undefined);
  const tables = new Set(columns.map((e) => `${e.store}/${e.table}`)).size;
  const stores = new Set(others.map((e) => e.store)).size;
  return (
    <Box sx={{ mb: 2 }}>
      <Typography variant="h6" component="p" data-testid="ropa-counts">
        {l.translate('nitd.ropa.counts', {
          columns: l.translate('nitd.ropa.columns', { smart_count: columns.length }),
          tables: l.translate('nitd.ropa.tables', { smart_count: tables }),
          categories: categories(countBy(columns)),
        })}
      </Typography>
      {others.length > 0 && (
        <Typography variant="body1" data-testid="ropa-other-counts">
          {l.translate('nitd.ropa.otherStores', {
            parts: l.translate('nitd.ropa.parts', { smart_count: others.length }),
            stores: l.translate('nitd.ropa.stores', { smart_count: stores }),
            categories: categories(countBy(others)),
          })}
        </Typography>
      )}
      <Box component="ul" sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', listStyle: 'none', p: 0, mt: 1, mb: 0 }}>
        {CATEGORIES.map((c) => (
          <Box component="li" key={c} sx={{ display: 'flex', gap: 0.75, alignItems: 'center' }}>
            <CategoryChip category={c} />
            <Typography variant="body2" color="text.secondary">
              {l.translate(`nitd.ropa.categoryHelp.${c}`)}
            </Typography>
          </Box>
        ))}
      </Box>
    </Box>
  );
}

export function RecordOfProcessing() {
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const compact = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  const l = useInventoryLabels();
  const title = l.translate('nitd.ropa.title');
  usePageTitle(title);
  const { data, error, isPending } = useQuery({ queryKey: ['inventory'], queryFn: () => dataProvider.inventory(), retry: false });
  return (
    <Box className="ropa" sx={{ mt: 2, p: { xs: 1, sm: 2 }, bgcolor: 'background.paper', borderRadius: 1 }}>
      <Title title={title} />
      <style>{ROPA_CSS}</style>
      <Typography variant="h5" component="h1" gutterBottom>
        {title}
      </Typography>
      <Typography variant="body2" sx={{ mb: 2, maxWidth: '60rem' }}>
        {l.translate('nitd.ropa.intro')}
      </Typography>
      {isPending && <CircularProgress aria-label={l.translate('ra.page.loading')} />}
      {error && <Alert severity="error">{l.translate('nitd.ropa.failed', { error: (error as Error).message })}</Alert>}
      {data && (
        <>
          <Summary entries={data} />
          <Box className="no-print" sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
            <Button variant="contained" startIcon={<PrintIcon />} onClick={() => window.print()} data-testid="ropa-print">
              {l.translate('nitd.ropa.print')}
            </Button>
            {l.basisLang && (
              <Typography variant="body2" color="text.secondary">
                {l.translate('nitd.ropa.basisLanguage')}
              </Typography>
            )}
          </Box>
          {group(data).map(([store, tables]) => (
            <Box component="section" key={store} sx={{ mb: 3 }} data-store={store}>
              <Typography variant="h6" component="h2" sx={{ mt: 2, mb: 1, borderBottom: 2, borderColor: 'divider' }}>
                {l.store(store)}
              </Typography>
              {store === 'postgres' ? (
                tables.map(([table, entries]) => (
                  <Box key={table} sx={{ mb: 2 }} data-table={table}>
                    <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 0.5 }}>
                      <code>{table}</code>{' '}
                      <Typography component="span" variant="body2" color="text.secondary">
                        ({l.translate('nitd.ropa.columnsInTable', { smart_count: entries.length })})
                      </Typography>
                    </Typography>
                    {compact ? <EntryCards entries={entries} columns /> : <EntryTable entries={entries} columns name={table} />}
                  </Box>
                ))
              ) : compact ? (
                <EntryCards entries={tables.flatMap(([, e]) => e)} columns={false} />
              ) : (
                <EntryTable entries={tables.flatMap(([, e]) => e)} columns={false} name={l.store(store)} />
              )}
            </Box>
          ))}
        </>
      )}
    </Box>
  );
}
