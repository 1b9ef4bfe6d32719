// The lifecycle list: a table on a desktop, a compact list below 600 px (no sideways scrolling);
// each running row is checked against Temporal once shown, so a lost workflow never reads "running".
import { createContext, useContext } from 'react';
import { Box, useMediaQuery, type Theme } from '@mui/material';
import {
  Datagrid,
  FilterButton,
  List,
  RecordContextProvider,
  SimpleList,
  TextField,
  TopToolbar,
  useListContext,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { PagedExportButton } from '../exporter';
import { useLabels } from '../i18n/labels';
import { usePageTitle } from '../usePageTitle';
import type { LifecycleRecord, PresenceMap } from '../types';
import { useLifecycleFilters } from './lifecycleFilters';
import { DueText, HoldField, KindField, PhaseChip, PhaseField, StatusChip } from './phase';
import { usePresence } from './presence';

const PresenceContext = createContext<PresenceMap>({});

function WithPresence({ children }: { children: React.ReactNode }) {
  const { data } = useListContext<LifecycleRecord>();
  return <PresenceContext.Provider value={usePresence(data)}>{children}</PresenceContext.Provider>;
}

const StatusField = (_props: { label?: string; sortBy?: string }) => {
  const r = useRecordContext<LifecycleRecord>();
  const presence = useContext(PresenceContext);
  return r ? <StatusChip status={r.status} presence={presence[r.id]} /> : null;
};

const DueField = (_props: { label?: string; sortBy?: string }) => {
  const r = useRecordContext<LifecycleRecord>();
  const presence = useContext(PresenceContext);
  return r ? <DueText r={r} presence={presence[r.id]} /> : null;
};

const Actions = () => (
  <TopToolbar>
    <FilterButton />
    <PagedExportButton />
  </TopToolbar>
);

function CompactRow() {
  const r = useRecordContext<LifecycleRecord>();
  const presence = useContext(PresenceContext);
  const labels = useLabels();
  if (!r) return null;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 0.5, minWidth: 0 }}>
      <Box sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
        {labels.kind(r.kind)} {r.subjectId}
      </Box>
      <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', alignItems: 'center' }}>
        <PhaseChip kind={r.kind} phase={r.phase} />
        <StatusChip status={r.status} presence={presence[r.id]} />
        <DueText r={r} presence={presence[r.id]} />
      </Box>
    </Box>
  );
}

export function LifecycleList() {
  const compact = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const translate = useTranslate();
  const title = translate('resources.lifecycles.name', { smart_count: 2 });
  usePageTitle(title);
  return (
    <List
      filters={useLifecycleFilters(compact)}
      actions={<Actions />}
      exporter={false}
      sort={{ field: 'dueAt', order: 'ASC' }}
      perPage={25}
      title={title}
    >
      <WithPresence>
        {compact ? (
          <SimpleList<LifecycleRecord>
            primaryText={(r) => (
              <RecordContextProvider value={r}>
                <CompactRow />
              </RecordContextProvider>
            )}
            linkType="show"
          />
        ) : (
          <Datagrid rowClick="show" bulkActionButtons={false} sx={{ '& td': { whiteSpace: 'nowrap' } }}>
            <TextField<LifecycleRecord> source="subjectId" />
            <KindField label="resources.lifecycles.fields.kind" sortBy="kind" />
            <PhaseField label="resources.lifecycles.fields.phase" sortBy="phase" />
            <StatusField label="resources.lifecycles.fields.status" sortBy="status" />
            <DueField label="resources.lifecycles.fields.dueAt" sortBy="dueAt" />
            <HoldField label="resources.lifecycles.fields.onHold" />
            <TextField<LifecycleRecord> source="customerId" sortable={false} emptyText="—" />
            <TextField<LifecycleRecord> source="policyVersion" sortable={false} />
          </Datagrid>
        )}
      </WithPresence>
    </List>
  );
}
