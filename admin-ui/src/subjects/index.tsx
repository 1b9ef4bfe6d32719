// Any kind's records, for kinds without pages of their own (support cases, contacts, prospects): one
// list and one record page driven by GET /api/admin/kinds, which says for each kind which fields the
// signed-in role reads (never a personal one for an auditor), its list's columns, filters and sorts.
// A record's page links to its lifecycle, where the actions are.
import FolderSharedIcon from '@mui/icons-material/FolderShared';
import { Alert, Box, useMediaQuery, type Theme } from '@mui/material';
import type { ComponentType, ReactNode } from 'react';
import {
  Datagrid,
  FilterButton,
  Labeled,
  Link,
  List,
  Loading,
  Show,
  SimpleList,
  SimpleShowLayout,
  TopToolbar,
  useRecordContext,
  useResourceContext,
  useTranslate,
} from 'react-admin';
import { PagedExportButton } from '../exporter';
import { useFormat } from '../i18n/format';
import { useLabels } from '../i18n/labels';
import { useKinds } from '../kinds';
import { SelectFilter, TextFilter } from '../TextFilter';
import { NotFound } from '../NotFound';
import { usePageTitle } from '../usePageTitle';
import type { KindInfo } from '../types';
import { ReceiptLink, SubjectLifecycles } from '../users';
import { SubjectNotFound } from '../customers/SubjectNotFound';

/** The kind whose collection is this resource (its plural), once the kinds are known. */
function useKindOfResource() {
  const resource = useResourceContext();
  const kinds = useKinds();
  return { kind: kinds.data?.find((k) => k.plural === resource), kinds };
}

/** While the kinds load, a spinner; if they cannot be read, why; a page this API has no kind for, not found. */
function KindGate({ children }: { children: (kind: KindInfo) => ReactNode }) {
  const { kind, kinds } = useKindOfResource();
  if (kind) return <>{children(kind)}</>;
  if (kinds.isError) return <Alert severity="error">{kinds.error.message}</Alert>;
  if (kinds.isPending) return <Loading />;
  return <NotFound />;
}

const isDate = (field: string) => /At$/.test(field);
/** Fields naming a customer (a record's own, or the one a prospect became): linked to its page. */
const CUSTOMER = new Set(['customerId', 'convertedToCustomerId']);
/** Fields that hold running text: whole on the record's page, wrapped, never in a list. */
const LONG = new Set(['description', 'subject']);

/** One field of any kind, shown by its name's convention: times in Oslo, statuses labelled, a customer linked. */
export function KindValue({ source }: { source: string; label?: string; sortable?: boolean }) {
  const r = useRecordContext();
  const f = useFormat();
  const labels = useLabels();
  const v: unknown = r?.[source];
  if (v === null || v === undefined || v === '') return <span>—</span>;
  if (isDate(source)) return <span style={{ whiteSpace: 'nowrap' }}>{f.dateTime(String(v))}</span>;
  if (source === 'status') return <span>{labels.subjectStatus(String(v))}</span>;
  if (CUSTOMER.has(source))
    return (
      <Link to={`/customers/${encodeURIComponent(String(v))}/show`} onClick={(e: { stopPropagation(): void }) => e.stopPropagation()}>
        {String(v)}
      </Link>
    );
  if (Array.isArray(v)) {
    // The intake's counts by type ([{ type, count }]); anything else as JSON.
    if (!v.length) return <span>{labels.translate('nitd.subject.none')}</span>;
    return (
      <span>
        {v
          .map((x: { type?: string; count?: number }) =>
            x && typeof x === 'object' && 'type' in x
              ? `${labels.t(`nitd.redaction.${x.type}`, String(x.type))}: ${x.count}`
              : JSON.stringify(x),
          )
          .join(', ')}
      </span>
    );
  }
  if (typeof v === 'object') return <span>{JSON.stringify(v)}</span>;
  const text = labels.t(`nitd.value.${source}.${String(v)}`, String(v));
  return (
    <Box component="span" sx={LONG.has(source) ? { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' } : { overflowWrap: 'anywhere' }}>
      {text}
    </Box>
  );
}

function useFilters(kind: KindInfo, compact: boolean) {
  const labels = useLabels();
  return [
    <TextFilter key="q" source="q" label="nitd.list.search" search alwaysOn />,
    ...kind.filters.map((f) =>
      f.choices ? (
        <SelectFilter
          key={f.source}
          source={f.source}
          choices={f.choices.map((id) => ({
            id,
            name: f.source === 'status' ? labels.subjectStatus(id) : labels.t(`nitd.value.${f.source}.${id}`, id),
          }))}
          alwaysOn={!compact}
        />
      ) : (
        <TextFilter key={f.source} source={f.source} />
      ),
    ),
  ];
}

const Actions = () => (
  <TopToolbar>
    <FilterButton />
    <PagedExportButton />
  </TopToolbar>
);

function KindListFor({ kind }: { kind: KindInfo }) {
  const compact = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const labels = useLabels();
  const f = useFormat();
  const title = labels.kindPlural(kind.kind);
  usePageTitle(title);
  const columns = kind.columns.filter((c) => !LONG.has(c));
  const firstDate = columns.find(isDate);
  return (
    <List
      filters={useFilters(kind, compact)}
      actions={<Actions />}
      exporter={false}
      sort={{ field: kind.sorts.includes('id') ? 'id' : (kind.sorts[0] ?? 'id'), order: 'ASC' }}
      perPage={25}
      title={title}
      // Columns come from the API: a wide row scrolls inside its card, never the page. The list's
      // flex boxes may shrink below the table (min-width: auto would size them to it).
      sx={{ minWidth: 0, '& .RaList-main': { minWidth: 0 }, '& .RaList-content': { overflowX: 'auto', minWidth: 0 } }}
    >
      {compact ? (
        <SimpleList
          primaryText={(r) => r.id}
          secondaryText={(r) => (r.status ? labels.subjectStatus(String(r.status)) : '')}
          tertiaryText={(r) => (firstDate ? f.dateTime(r[firstDate] as string | null) : '')}
          linkType="show"
        />
      ) : (
        <Datagrid rowClick="show" bulkActionButtons={false} sx={{ '& td': { whiteSpace: 'nowrap' } }}>
          {columns.map((c) => (
            <KindValue key={c} source={c} sortable={kind.sorts.includes(c)} />
          ))}
        </Datagrid>
      )}
    </List>
  );
}

function KindList() {
  return <KindGate>{(kind) => <KindListFor kind={kind} />}</KindGate>;
}

function KindTitle({ kind }: { kind: string }) {
  const r = useRecordContext();
  const labels = useLabels();
  const text = `${labels.kind(kind)} ${r?.id ?? ''}`;
  usePageTitle(r ? text : undefined);
  return <span>{text}</span>;
}

function KindShow() {
  return <KindGate>{(kind) => <KindShowFor kind={kind} />}</KindGate>;
}

function KindShowFor({ kind }: { kind: KindInfo }) {
  const translate = useTranslate();
  return (
    <Show title={<KindTitle kind={kind.kind} />} queryOptions={{ onError: () => undefined, retry: false }}>
      <SubjectNotFound resource={kind.plural}>
        <SimpleShowLayout>
          {kind.fields.map((c) => (
            <KindValue key={c} source={c} />
          ))}
          <Labeled label={translate('nitd.subject.lifecycles')}>
            <SubjectLifecycles />
          </Labeled>
          <Labeled label={translate('nitd.subject.receipt')}>
            <ReceiptLink kind={kind.kind} />
          </Labeled>
        </SimpleShowLayout>
      </SubjectNotFound>
    </Show>
  );
}

/** The pages of any kind: `<Resource name={plural} {...kindPages(icon)} />` (see App.tsx). */
export function kindPages(icon: ComponentType = FolderSharedIcon) {
  return { list: KindList, show: KindShow, icon };
}
