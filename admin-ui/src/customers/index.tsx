// Customers: read views. The API leaves personal fields out for auditors; the columns follow.
import BusinessIcon from '@mui/icons-material/Business';
import {
  Datagrid,
  DateField,
  List,
  NumberField,
  SearchInput,
  SelectInput,
  Show,
  SimpleShowLayout,
  TextField,
  usePermissions,
} from 'react-admin';

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Customer ID" />,
  <SelectInput
    key="status"
    source="status"
    choices={['active', 'ended', 'anonymised', 'closed'].map((id) => ({ id, name: id }))}
    alwaysOn
  />,
  <SelectInput key="type" source="type" choices={['business', 'private'].map((id) => ({ id, name: id }))} alwaysOn />,
];

function CustomerList() {
  const { permissions } = usePermissions();
  return (
    <List filters={filters} sort={{ field: 'id', order: 'ASC' }} perPage={25}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="id" label="Customer ID" />
        <TextField source="type" />
        <TextField source="status" />
        {permissions === 'admin' && <TextField source="name" sortable={false} emptyText="—" />}
        {permissions === 'admin' && <TextField source="email" sortable={false} emptyText="—" />}
        <DateField locales="en-GB" source="endedAt" label="Ended" emptyText="—" />
        <DateField locales="en-GB" source="createdAt" label="Created" />
      </Datagrid>
    </List>
  );
}

function CustomerShow() {
  const { permissions } = usePermissions();
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="id" label="Customer ID" />
        <TextField source="type" />
        <TextField source="status" />
        {permissions === 'admin' && <TextField source="name" emptyText="—" />}
        {permissions === 'admin' && <TextField source="email" emptyText="—" />}
        {permissions === 'admin' && <TextField source="phone" emptyText="—" />}
        {permissions === 'admin' && <TextField source="address" emptyText="—" />}
        <NumberField source="userCount" label="Users" />
        <DateField locales="en-GB" source="endedAt" label="Ended" showTime emptyText="—" />
        <DateField locales="en-GB" source="anonymisedAt" label="Anonymised" showTime emptyText="—" />
      </SimpleShowLayout>
    </Show>
  );
}

export default { list: CustomerList, show: CustomerShow, icon: BusinessIcon };
