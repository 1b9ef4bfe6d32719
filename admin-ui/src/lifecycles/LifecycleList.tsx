import { Datagrid, DateField, List, TextField } from 'react-admin';
import { lifecycleFilters } from './lifecycleFilters';
import { DueField, HoldField, PhaseField, StatusField } from './phase';
import type { LifecycleRecord } from '../types';

export function LifecycleList() {
  return (
    <List filters={lifecycleFilters} sort={{ field: 'dueAt', order: 'ASC' }} perPage={25} title="Lifecycles">
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField<LifecycleRecord> source="subjectId" label="Subject" />
        <TextField<LifecycleRecord> source="kind" />
        <PhaseField label="Phase" sortBy="phase" />
        <StatusField label="Status" sortBy="status" />
        <DueField label="Due" sortBy="dueAt" />
        <HoldField label="Hold" />
        <TextField<LifecycleRecord> source="customerId" label="Customer" sortable={false} emptyText="—" />
        <TextField<LifecycleRecord> source="policyVersion" label="Policy" sortable={false} />
        <DateField<LifecycleRecord> locales="en-GB" source="updatedAt" label="Last change" showTime />
      </Datagrid>
    </List>
  );
}
