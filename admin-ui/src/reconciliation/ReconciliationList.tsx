// The reconciliation runs, newest first: counts only, no personal data.
import { Box, Typography } from '@mui/material';
import { Datagrid, DateField, DateInput, List, NumberField, TextField, TopToolbar } from 'react-admin';
import type { ReconciliationRunRecord } from '../types';
import { RunNowButton } from './RunNowButton';

const filters = [
  <DateInput key="finishedAt_gte" source="finishedAt_gte" label="From" alwaysOn />,
  <DateInput key="finishedAt_lte" source="finishedAt_lte" label="Until" alwaysOn />,
];

const Actions = () => (
  <TopToolbar>
    <RunNowButton />
  </TopToolbar>
);

// react-admin's empty page has no toolbar; before the first run the admin still needs the button.
const NoRuns = () => (
  <Box sx={{ textAlign: 'center', mt: 6 }}>
    <Typography variant="h6" color="text.secondary" sx={{ mb: 2 }}>
      No reconciliation run yet: the daily schedule records one here after it runs.
    </Typography>
    <RunNowButton />
  </Box>
);

export function ReconciliationList() {
  return (
    <List
      filters={filters}
      actions={<Actions />}
      empty={<NoRuns />}
      sort={{ field: 'finishedAt', order: 'DESC' }}
      perPage={25}
      title="Reconciliation"
    >
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <DateField<ReconciliationRunRecord> locales="en-GB" source="finishedAt" label="Finished" showTime />
        <TextField<ReconciliationRunRecord> source="trigger" label="Started by" sortable={false} />
        <NumberField<ReconciliationRunRecord> source="subjectsChecked" label="Subjects checked" />
        <NumberField<ReconciliationRunRecord> source="lifecyclesStarted" label="Missing lifecycles started" />
        <NumberField<ReconciliationRunRecord> source="orphansFlagged" label="Orphans flagged" sortable={false} />
      </Datagrid>
    </List>
  );
}
