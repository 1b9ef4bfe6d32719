// The conformance findings: open ones by default (a switch shows the resolved too), newest first;
// a table on a desktop, a compact list below 600 px. Each row: status, check, rule, the subject by
// opaque ID (linked to its lifecycle's page when there is one), since when, how late, the repair.
// Opaque IDs, rules and Oslo times only.
import { Box, FormControlLabel, Switch, Typography, useMediaQuery, type Theme } from '@mui/material';
import {
  Datagrid,
  FilterButton,
  List,
  RecordContextProvider,
  SimpleList,
  TextField,
  TopToolbar,
  useInput,
  useListContext,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { PagedExportButton } from '../exporter';
import { useFormat } from '../i18n/format';
import { DateFilter, SelectFilter, TextFilter } from '../TextFilter';
import { usePageTitle } from '../usePageTitle';
import type { ConformanceFindingRecord } from '../types';
import {
  CHECK_CODES,
  CheckField,
  FindingStateChip,
  FindingSubject,
  OverdueField,
  OverdueText,
  RepairField,
  SinceField,
  StatusField,
  SubjectField,
  SUBJECT_KINDS,
  useConformanceLabels,
} from './parts';

/**
 * `open: true` while off; on, the filter goes and resolved findings show beside the open ones. Off is
 * '' (react-admin drops empty filters; `undefined` would be merged back to the old value).
 */
function ShowResolvedFilter({ source }: { source: string; alwaysOn?: boolean }) {
  const { field, id } = useInput({ source });
  const translate = useTranslate();
  return (
    <FormControlLabel
      sx={{ ml: 0, mr: 2, mb: 0.5, minHeight: 48 }}
      control={
        <Switch
          id={id}
          checked={field.value !== true}
          onChange={(e) => field.onChange(e.target.checked ? '' : true)}
          data-testid="show-resolved"
        />
      }
      label={translate('nitd.conformance.showResolved')}
    />
  );
}

function useFilters(compact: boolean) {
  const l = useConformanceLabels();
  return [
    <ShowResolvedFilter key="open" source="open" alwaysOn />,
    <TextFilter key="subjectId" source="subjectId" alwaysOn={!compact} />,
    <SelectFilter key="check" source="check" choices={CHECK_CODES.map((id) => ({ id, name: l.check(id) }))} alwaysOn={!compact} />,
    <TextFilter key="rule" source="rule" alwaysOn={!compact} />,
    <SelectFilter key="subjectKind" source="subjectKind" choices={SUBJECT_KINDS.map((id) => ({ id, name: l.subjectKind(id) }))} />,
    <DateFilter key="lastSeenAt_gte" source="lastSeenAt_gte" />,
    <DateFilter key="lastSeenAt_lte" source="lastSeenAt_lte" />,
  ];
}

const Actions = () => (
  <TopToolbar>
    <FilterButton />
    <PagedExportButton />
  </TopToolbar>
);

/** With only the open ones asked for, an empty list is good news, and says so. */
function NoFindings() {
  const { filterValues } = useListContext();
  const translate = useTranslate();
  const onlyOpen = filterValues.open === true && Object.keys(filterValues).length === 1;
  return (
    <Box sx={{ p: 2 }} data-testid="no-findings">
      <Typography variant="body1" color={onlyOpen ? 'success.main' : 'text.secondary'} sx={{ fontWeight: onlyOpen ? 600 : 400 }}>
        {translate(onlyOpen ? 'nitd.conformance.noneOpen' : 'nitd.conformance.noneMatch')}
      </Typography>
    </Box>
  );
}

function CompactRow() {
  const r = useRecordContext<ConformanceFindingRecord>();
  const l = useConformanceLabels();
  const f = useFormat();
  if (!r) return null;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 0.5, minWidth: 0 }}>
      <Box sx={{ fontWeight: 600 }}>{l.check(r.check)}</Box>
      <Box sx={{ overflowWrap: 'anywhere' }}>
        <FindingSubject f={r} links={false} /> · <code>{r.rule}</code>
      </Box>
      <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', alignItems: 'center' }}>
        <FindingStateChip f={r} />
        <span>
          {l.translate('nitd.conformance.since', { at: f.dateTime(r.firstSeenAt) })} · <OverdueText seconds={r.overdueSeconds} />
        </span>
      </Box>
    </Box>
  );
}

export function FindingList() {
  const compact = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const translate = useTranslate();
  const title = translate('resources.conformance.name', { smart_count: 2 });
  usePageTitle(title);
  return (
    <List
      filters={useFilters(compact)}
      filterDefaultValues={{ open: true }}
      actions={<Actions />}
      exporter={false}
      sort={{ field: 'firstSeenAt', order: 'DESC' }}
      perPage={25}
      title={title}
    >
      {compact ? (
        <SimpleList<ConformanceFindingRecord>
          primaryText={(r) => (
            <RecordContextProvider value={r}>
              <CompactRow />
            </RecordContextProvider>
          )}
          linkType="show"
          empty={<NoFindings />}
        />
      ) : (
        <Datagrid
          rowClick="show"
          bulkActionButtons={false}
          empty={<NoFindings />}
          data-testid="findings"
          // An opaque ID is read as one word: it does not break at its hyphens.
          sx={{ '& .finding-subject-id': { whiteSpace: 'nowrap' } }}
        >
          <StatusField label="resources.conformance.fields.open" sortable={false} />
          <CheckField label="resources.conformance.fields.check" sortBy="check" />
          <TextField<ConformanceFindingRecord> source="rule" sx={{ whiteSpace: 'nowrap', fontFamily: 'monospace' }} />
          <SubjectField label="resources.conformance.fields.subjectId" sortBy="subjectId" />
          <SinceField label="resources.conformance.fields.since" sortBy="firstSeenAt" />
          <OverdueField label="resources.conformance.fields.overdueSeconds" sortBy="overdueSeconds" />
          <RepairField label="resources.conformance.fields.repair" sortable={false} />
        </Datagrid>
      )}
    </List>
  );
}
