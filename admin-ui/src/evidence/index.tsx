// The evidence ledger: one record per purge, anonymisation or check, with no personal data. A
// record's page shows what it changed per table, a verification record its checks one by one, and a
// conformance scan's attestation what the scan read and found, as counts, linked to the scan.
import VerifiedIcon from '@mui/icons-material/Verified';
import { Fragment } from 'react';
import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography, useMediaQuery, type Theme } from '@mui/material';
import {
  Datagrid,
  FilterButton,
  Labeled,
  Link,
  List,
  Show,
  SimpleList,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { PagedExportButton } from '../exporter';
import { DateFilter, SelectFilter, TextFilter } from '../TextFilter';
import { DateTimeField, LabelField } from '../fields';
import { useFormat } from '../i18n/format';
import { KindInput } from '../kinds';
import { SubjectNotFound } from '../customers/SubjectNotFound';
import { ByRuleTable } from '../conformance/ScanShow';
import { usePageTitle } from '../usePageTitle';

function useFilters(compact: boolean) {
  const translate = useTranslate();
  return [
    <TextFilter key="subjectId" source="subjectId" alwaysOn />,
    <KindInput key="subjectKind" source="subjectKind" label="resources.evidence.fields.subjectKind" alwaysOn={!compact} />,
    <SelectFilter
      key="action"
      source="action"
      choices={['purge', 'anonymise', 'verify', 'attest'].map((id) => ({ id, name: translate(`nitd.evidenceAction.${id}`) }))}
      alwaysOn={!compact}
    />,
    <DateFilter key="finishedAt_gte" source="finishedAt_gte" />,
    <DateFilter key="finishedAt_lte" source="finishedAt_lte" />,
    <TextFilter key="rule" source="rule" />,
  ];
}

const short = (h: unknown) => (typeof h === 'string' ? `${h.slice(0, 12)}…` : '—');
const HashField = ({ source }: { source: string; label?: string; sortable?: boolean }) => {
  const r = useRecordContext();
  return <code title={r?.[source]}>{short(r?.[source])}</code>;
};

const Actions = () => (
  <TopToolbar>
    <FilterButton />
    <PagedExportButton />
  </TopToolbar>
);

function EvidenceList() {
  const compact = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const translate = useTranslate();
  const f = useFormat();
  const title = translate('resources.evidence.name', { smart_count: 2 });
  usePageTitle(title);
  return (
    <List
      filters={useFilters(compact)}
      actions={<Actions />}
      exporter={false}
      sort={{ field: 'finishedAt', order: 'DESC' }}
      perPage={25}
      title={title}
    >
      {compact ? (
        <SimpleList primaryText={(r) => `${r.rule} · ${r.subjectId}`} secondaryText={(r) => f.dateTime(r.finishedAt)} linkType="show" />
      ) : (
        <Datagrid rowClick="show" bulkActionButtons={false} sx={{ '& td': { whiteSpace: 'nowrap' } }}>
          <DateTimeField source="finishedAt" label="resources.evidence.fields.finishedAt" />
          <TextField source="subjectKind" sortable={false} />
          <TextField source="subjectId" />
          <LabelField source="action" group="evidenceAction" sortable={false} />
          <TextField source="rule" />
          <TextField source="policyVersion" sortable={false} />
          <HashField source="hash" label="resources.evidence.fields.hash" sortable={false} />
        </Datagrid>
      )}
    </List>
  );
}

/** Rows per table: `{ UserAccount: { deleted: 1 } }` as a table, not JSON. */
export function TablesTable({ tables }: { tables: unknown }) {
  const translate = useTranslate();
  const rows = Object.entries((tables ?? {}) as Record<string, { deleted?: number; anonymised?: number } | number>);
  if (rows.length === 0) return <Typography variant="body2">{translate('nitd.evidence.noTables')}</Typography>;
  return (
    <Table size="small" data-testid="tables">
      <TableHead>
        <TableRow>
          <TableCell>{translate('nitd.evidence.table')}</TableCell>
          <TableCell align="right">{translate('nitd.evidence.deleted')}</TableCell>
          <TableCell align="right">{translate('nitd.evidence.anonymised')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(([name, c]) => (
          <TableRow key={name}>
            <TableCell>{name}</TableCell>
            <TableCell align="right">{typeof c === 'number' ? c : (c.deleted ?? 0)}</TableCell>
            <TableCell align="right">{typeof c === 'number' ? 0 : (c.anonymised ?? 0)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

type Check = { store: string; check: string; found: number };
type VerifyDetail = { ok?: boolean; checks?: Check[]; history?: { sha256?: string; events?: number } };

/** A verification record's checks: store, what was checked, how many found (counts, never values). */
export function ChecksTable({ detail }: { detail: unknown }) {
  const translate = useTranslate();
  const d = (detail ?? {}) as VerifyDetail;
  if (!d.checks?.length) return null;
  return (
    <Box>
      <Table size="small" data-testid="checks">
        <TableHead>
          <TableRow>
            <TableCell>{translate('nitd.evidence.store')}</TableCell>
            <TableCell>{translate('nitd.evidence.check')}</TableCell>
            <TableCell align="right">{translate('nitd.evidence.found')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {d.checks.map((c) => (
            <TableRow key={`${c.store}-${c.check}`}>
              <TableCell>{c.store}</TableCell>
              <TableCell>{c.check}</TableCell>
              <TableCell align="right">{c.found === 0 ? `0 (${translate('nitd.evidence.checkOk')})` : c.found}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {d.history?.sha256 && (
        <Typography variant="caption" sx={{ overflowWrap: 'anywhere' }}>
          {translate('nitd.evidence.history', { events: d.history.events ?? 0, sha: d.history.sha256 })}
        </Typography>
      )}
    </Box>
  );
}

type AttestDetail = {
  checks?: string[];
  stores?: string[];
  rowsExamined?: number;
  openFindings?: number;
  newFindings?: number;
  resolvedFindings?: number;
  lateErasures?: number;
  byRule?: Record<string, number>;
};

/** A conformance scan's attestation: what it read and found, as counts, and the scan itself. */
function Attestation({ scanId, detail }: { scanId: string; detail: unknown }) {
  const translate = useTranslate();
  const d = (detail ?? {}) as AttestDetail;
  const field = (name: string) => translate(`resources.conformanceScans.fields.${name}`);
  const counts = ['rowsExamined', 'openFindings', 'newFindings', 'resolvedFindings', 'lateErasures'] as const;
  return (
    <Box data-testid="attestation">
      <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '0.25rem 1rem', m: 0 }}>
        {counts.map((c) => (
          <Fragment key={c}>
            <dt>{field(c)}</dt>
            <dd style={{ margin: 0 }}>{d[c] ?? '—'}</dd>
          </Fragment>
        ))}
        <dt>{field('stores')}</dt>
        <dd style={{ margin: 0 }}>{(d.stores ?? []).join(', ') || '—'}</dd>
        <dt>{field('checks')}</dt>
        <dd style={{ margin: 0, overflowWrap: 'anywhere' }}>{(d.checks ?? []).join(', ') || '—'}</dd>
      </Box>
      <Typography variant="body2" component="h3" sx={{ fontWeight: 600, mt: 1 }}>
        {field('byRule')}
      </Typography>
      <ByRuleTable byRule={d.byRule ?? {}} />
      <Link to={`/conformanceScans/${encodeURIComponent(scanId)}/show`}>{translate('nitd.conformance.scan')}</Link>
    </Box>
  );
}

function Contents() {
  const r = useRecordContext();
  if (!r) return null;
  if (r.action === 'attest')
    return (
      <Labeled label="nitd.conformance.scan">
        <Attestation scanId={String(r.subjectId)} detail={r.detail} />
      </Labeled>
    );
  if (r.action === 'verify')
    return (
      <Labeled label="nitd.evidence.checks">
        <ChecksTable detail={r.detail} />
      </Labeled>
    );
  return (
    <Labeled label="nitd.evidence.tables">
      <TablesTable tables={r.tables} />
    </Labeled>
  );
}

function ReceiptFor() {
  const r = useRecordContext();
  const translate = useTranslate();
  // A scan's attestation is about no one: there is no receipt to link to.
  if (!r || r.action === 'attest') return <>—</>;
  return (
    <Link to={`/receipts/${encodeURIComponent(r.subjectKind)}/${encodeURIComponent(r.subjectId)}`}>
      {translate('nitd.subject.receipt')}
    </Link>
  );
}

function EvidenceTitle() {
  const r = useRecordContext();
  const translate = useTranslate();
  const text = `${translate('resources.evidence.name', { smart_count: 1 })} ${r?.rule ?? ''}`;
  usePageTitle(r ? text : undefined);
  return <span>{text}</span>;
}

function EvidenceShow() {
  return (
    <Show title={<EvidenceTitle />} queryOptions={{ onError: () => undefined, retry: false }}>
      <SubjectNotFound resource="evidence">
        <SimpleShowLayout sx={{ '& .RaLabeled-label': { whiteSpace: 'nowrap' }, '& span, & code': { overflowWrap: 'anywhere' } }}>
          <TextField source="id" />
          <TextField source="seq" />
          <TextField source="subjectKind" />
          <TextField source="subjectId" />
          <LabelField source="action" group="evidenceAction" />
          <TextField source="rule" />
          <TextField source="policyVersion" />
          <TextField source="reason" emptyText="—" />
          <DateTimeField source="triggeredAt" label="resources.evidence.fields.triggeredAt" />
          <DateTimeField source="dueAt" label="resources.evidence.fields.dueAt" />
          <DateTimeField source="startedAt" label="resources.evidence.fields.startedAt" />
          <DateTimeField source="finishedAt" label="resources.evidence.fields.finishedAt" />
          <TextField source="workflowId" />
          <TextField source="prevHash" emptyText="—" />
          <TextField source="hash" emptyText="—" />
          <Contents />
          <Labeled label="nitd.subject.receipt">
            <ReceiptFor />
          </Labeled>
        </SimpleShowLayout>
      </SubjectNotFound>
    </Show>
  );
}

export default { list: EvidenceList, show: EvidenceShow, icon: VerifiedIcon };
