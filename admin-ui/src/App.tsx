import { Admin, CustomRoutes, Resource, defaultTheme } from 'react-admin';
import { authProvider } from './authProvider';
import { dataProvider } from './dataProvider';
import { Dashboard } from './dashboard/Dashboard';
import { LoginPage } from './LoginPage';
import lifecycles from './lifecycles';
import users from './users';
import customers from './customers';
import evidence from './evidence';
import reconciliation from './reconciliation';

const theme = {
  ...defaultTheme,
  palette: { primary: { main: '#1f4e79' }, secondary: { main: '#1f4e79' }, background: { default: '#f5f7fa' } },
  typography: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' },
};

// No `requireAuth`: with the custom login page it made react-admin log out, navigate to the login
// page and clear its query cache in a loop (thousands of times, ~12 s of busy CPU before the form
// could be used). Every page still checks the session itself (lists, records and the dashboard).
export function App() {
  return (
    <Admin
      title="NITD lifecycle console"
      dataProvider={dataProvider}
      authProvider={authProvider}
      loginPage={LoginPage}
      dashboard={Dashboard}
      theme={theme}
      disableTelemetry
    >
      <Resource name="lifecycles" {...lifecycles} />
      <Resource name="users" {...users} />
      <Resource name="customers" {...customers} />
      <Resource name="evidence" {...evidence} options={{ label: 'Evidence' }} />
      <Resource name="reconciliation" {...reconciliation} options={{ label: 'Reconciliation' }} />
      <CustomRoutes>{[]}</CustomRoutes>
    </Admin>
  );
}
