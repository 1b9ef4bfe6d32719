import { DateInput, NullableBooleanInput, SearchInput, SelectInput, TextInput } from 'react-admin';
import { PHASES } from './phase';

const choices = (values: string[]) => values.map((v) => ({ id: v, name: v.replace('_', ' ').toLowerCase() }));

export const lifecycleFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Subject ID" />,
  <SelectInput key="kind" source="kind" choices={choices(['user', 'customer'])} alwaysOn />,
  <SelectInput key="phase" source="phase" choices={choices(PHASES)} alwaysOn />,
  <SelectInput key="status" source="status" choices={choices(['running', 'completed', 'cancelled', 'failed'])} alwaysOn />,
  <DateInput key="dueAt_gte" source="dueAt_gte" label="Due from" />,
  <DateInput key="dueAt_lte" source="dueAt_lte" label="Due until" />,
  <TextInput key="customerId" source="customerId" label="Customer ID" />,
  <NullableBooleanInput key="onHold" source="onHold" label="On hold" />,
];
