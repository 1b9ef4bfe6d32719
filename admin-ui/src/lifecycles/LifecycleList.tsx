import { Datagrid, DateField, List, TextField } from 'react-admin';
import { lifecycleFilters } from './lifecycleFilters';
import { DueField, HoldField, PhaseField, StatusField } from './phase';

export function LifecycleList() {
  return (
    <List filters={lifecycleFilters} sort={{ field: 'dueAt', order: 'ASC' }} perPage={25} title="Lifecycles">
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="subjectId" label="Subject" />
        <TextField source="kind" />
        <PhaseField label="Phase" sortBy="phase" />
        <StatusField label="Status" sortBy="status" />
        <DueField label="Due" sortBy="dueAt" />
        <HoldField label="Hold" />
        <TextField source="customerId" label="Customer" sortable={false} emptyText="—" />
        <TextField source="policyVersion" label="Policy" sortable={false} />
        <DateField locales="en-GB" source="updatedAt" label="Last change" showTime />
      </Datagrid>
    </List>
  );
}
