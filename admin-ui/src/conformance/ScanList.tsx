// The conformance scans, newest first: counts only, each linked to its attestation in the ledger.
import type { MouseEvent } from 'react';
import { Box, Typography, useMediaQuery, type Theme } from '@mui/material';
import { Datagrid, Link, List, NumberField, SimpleList, TopToolbar, useRecordContext, useTranslate } from 'react-admin';
import { PagedExportButton } from '../exporter';
import { DateFilter } from '../TextFilter';
import { DateTimeField, LabelField } from '../fields';
import { useFormat } from '../i18n/format';
import { usePageTitle } from '../usePageTitle';
import type { ConformanceScanRecord } from '../types';
import { ScanNowButton } from './ScanNowButton';

const filters = [
  <DateFilter key="finishedAt_gte" source="finishedAt_gte" alwaysOn />,
  <DateFilter key="finishedAt_lte" source="finishedAt_lte" alwaysOn />,
];

const Actions = () => (
  <TopToolbar>
    <ScanNowButton />
    <PagedExportButton />
  </TopToolbar>
);

// react-admin's empty page has no toolbar; before the first scan the admin still needs the button.
function NoScans() {
  const translate = useTranslate();
  return (
    <Box sx={{ textAlign: 'center', mt: 6 }}>
      <Typography variant="h6" component="p" color="text.secondary" sx={{ mb: 2 }}>
        {translate('nitd.conformance.scanNone')}
      </Typography>
      <ScanNowButton />
    </Box>
  );
}

/** The scan's attestation in the evidence ledger; none while the scan runs. */
export const AttestationField = (_props: { label?: string; sortable?: boolean }) => {
  const r = useRecordContext<ConformanceScanRecord>();
  const translate = useTranslate();
  if (!r?.evidenceId) return <>—</>;
  return (
    <Link to={`/evidence/${encodeURIComponent(r.evidenceId)}/show`} onClick={(e: MouseEvent) => e.stopPropagation()} title={r.evidenceId}>
      {translate('nitd.conformance.attestation')}
    </Link>
  );
};

const FinishedField = (_props: { label?: string; sortBy?: string }) => {
  const r = useRecordContext<ConformanceScanRecord>();
  const translate = useTranslate();
  if (!r) return null;
  return r.finishedAt ? <DateTimeField source="finishedAt" /> : <em>{translate('nitd.conformance.running')}</em>;
};

export function ScanList() {
  const compact = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const translate = useTranslate();
  const f = useFormat();
  const title = translate('resources.conformanceScans.name', { smart_count: 2 });
  usePageTitle(title);
  return (
    <List
      filters={filters}
      actions={<Actions />}
      exporter={false}
      empty={<NoScans />}
      sort={{ field: 'finishedAt', order: 'DESC' }}
      perPage={25}
      title={title}
    >
      {compact ? (
        <SimpleList<ConformanceScanRecord>
          primaryText={(r) => (r.finishedAt ? f.dateTime(r.finishedAt) : translate('nitd.conformance.running'))}
          secondaryText={(r) =>
            `${translate('resources.conformanceScans.fields.openFindings')}: ${r.openFindings} · ${translate(
              'resources.conformanceScans.fields.rowsExamined',
            )}: ${r.rowsExamined}`
          }
          linkType="show"
        />
      ) : (
        <Datagrid rowClick="show" bulkActionButtons={false} sx={{ '& td': { whiteSpace: 'nowrap' } }}>
          <FinishedField label="resources.conformanceScans.fields.finishedAt" sortBy="finishedAt" />
          <LabelField source="trigger" group="conformance.trigger" sortable={false} label="resources.conformanceScans.fields.trigger" />
          <NumberField<ConformanceScanRecord> source="rowsExamined" />
          <NumberField<ConformanceScanRecord> source="openFindings" />
          <NumberField<ConformanceScanRecord> source="newFindings" sortable={false} />
          <NumberField<ConformanceScanRecord> source="resolvedFindings" sortable={false} />
          <NumberField<ConformanceScanRecord> source="lateErasures" sortable={false} />
          <AttestationField label="resources.conformanceScans.fields.evidenceId" sortable={false} />
        </Datagrid>
      )}
    </List>
  );
}
