import { DateInput, NullableBooleanInput, SearchInput, SelectInput, TextInput } from 'react-admin';
import { LIFECYCLE_STATUSES } from '../../../lifecycles/shared/contract';
import { choices, KindInput, PhaseInput } from '../kinds';

export const lifecycleFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Subject ID" />,
  <KindInput key="kind" source="kind" alwaysOn />,
  <PhaseInput key="phase" source="phase" alwaysOn />,
  <SelectInput key="status" source="status" choices={choices(LIFECYCLE_STATUSES)} alwaysOn />,
  <DateInput key="dueAt_gte" source="dueAt_gte" label="Due from" />,
  <DateInput key="dueAt_lte" source="dueAt_lte" label="Due until" />,
  <TextInput key="customerId" source="customerId" label="Customer ID" />,
  <NullableBooleanInput key="onHold" source="onHold" label="On hold" />,
];
