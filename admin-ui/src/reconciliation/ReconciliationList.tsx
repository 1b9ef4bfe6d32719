// The reconciliation runs, newest first: counts only, no personal data.
import { Box, Typography } from '@mui/material';
import { Datagrid, List, NumberField, TopToolbar, useTranslate } from 'react-admin';
import { PagedExportButton } from '../exporter';
import { DateFilter } from '../TextFilter';
import { DateTimeField, LabelField } from '../fields';
import { usePageTitle } from '../usePageTitle';
import type { ReconciliationRunRecord } from '../types';
import { RunNowButton } from './RunNowButton';

const filters = [
  <DateFilter key="finishedAt_gte" source="finishedAt_gte" alwaysOn />,
  <DateFilter key="finishedAt_lte" source="finishedAt_lte" alwaysOn />,
];

const Actions = () => (
  <TopToolbar>
    <RunNowButton />
    <PagedExportButton />
  </TopToolbar>
);

// react-admin's empty page has no toolbar; before the first run the admin still needs the button.
function NoRuns() {
  const translate = useTranslate();
  return (
    <Box sx={{ textAlign: 'center', mt: 6 }}>
      <Typography variant="h6" component="p" color="text.secondary" sx={{ mb: 2 }}>
        {translate('nitd.reconciliation.none')}
      </Typography>
      <RunNowButton />
    </Box>
  );
}

export function ReconciliationList() {
  const translate = useTranslate();
  const title = translate('resources.reconciliation.name', { smart_count: 2 });
  usePageTitle(title);
  return (
    <List
      filters={filters}
      actions={<Actions />}
      exporter={false}
      empty={<NoRuns />}
      sort={{ field: 'finishedAt', order: 'DESC' }}
      perPage={25}
      title={title}
    >
      <Datagrid rowClick="show" bulkActionButtons={false} sx={{ '& td': { whiteSpace: 'nowrap' } }}>
        <DateTimeField source="finishedAt" label="resources.reconciliation.fields.finishedAt" />
        <LabelField source="trigger" group="reconciliation.trigger" sortable={false} label="resources.reconciliation.fields.trigger" />
        <NumberField<ReconciliationRunRecord> source="subjectsChecked" />
        <NumberField<ReconciliationRunRecord> source="lifecyclesStarted" />
        <NumberField<ReconciliationRunRecord> source="orphansFlagged" sortable={false} />
      </Datagrid>
    </List>
  );
}
