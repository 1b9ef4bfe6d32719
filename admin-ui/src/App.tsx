import ContactPhoneIcon from '@mui/icons-material/ContactPhone';
import PersonSearchIcon from '@mui/icons-material/PersonSearch';
import SupportAgentIcon from '@mui/icons-material/SupportAgent';
import type { ComponentType } from 'react';
import { Route } from 'react-router-dom';
import { Admin, CustomRoutes, Resource, defaultDarkTheme, defaultLightTheme } from 'react-admin';
import { authProvider } from './authProvider';
import { dataProvider } from './dataProvider';
import { Dashboard } from './dashboard/Dashboard';
import { i18nProvider } from './i18n';
import { Layout } from './Layout';
import { LoginPage } from './LoginPage';
import { NotFound } from './NotFound';
import { LedgerPage } from './audit/LedgerPage';
import { ReceiptPage } from './audit/ReceiptPage';
import { RecordOfProcessing } from './audit/RecordOfProcessing';
import lifecycles from './lifecycles';
import users from './users';
import customers from './customers';
import evidence from './evidence';
import reconciliation from './reconciliation';
import { findings, scans } from './conformance';
import { kindPages } from './subjects';

// Kinds without pages of their own get the pages of any kind (subjects/), driven by
// GET /api/admin/kinds: a new kind is one entry here (its plural and menu icon), plus its catalogue
// keys. In menu order: a customer's contacts next to the customers, then prospects, then cases.
const KIND_PAGES: [plural: string, icon: ComponentType][] = [
  ['contacts', ContactPhoneIcon],
  ['prospects', PersonSearchIcon],
  ['support-cases', SupportAgentIcon],
];

const typography = { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' };
// Wide enough for the longest menu entry in Norwegian ("Behandlingsprotokoll") without an ellipsis.
const sidebar = { ...defaultLightTheme.sidebar, width: 260 };
const lightTheme = {
  ...defaultLightTheme,
  // Chips write white on these: each is dark enough for WCAG AA contrast (MUI's defaults are not).
  palette: {
    ...defaultLightTheme.palette,
    primary: { main: '#1f4e79' },
    secondary: { main: '#1f4e79' },
    info: { main: '#0b5cab' },
    warning: { main: '#9a4a00' },
    success: { main: '#1b6e20' },
    error: { main: '#b3261e' },
    background: { default: '#f5f7fa' },
  },
  typography,
  sidebar,
};
const darkTheme = {
  ...defaultDarkTheme,
  // Light enough as text on the dark background; chips then write dark text on it (WCAG AA both ways).
  palette: { ...defaultDarkTheme.palette, primary: { main: '#90caf9' }, secondary: { main: '#90caf9' }, error: { main: '#f28b82' } },
  typography,
  sidebar,
};

// No `requireAuth`: with the custom login page it made react-admin log out, navigate to the login
// page and clear its query cache in a loop (thousands of times, ~12 s of busy CPU before the form
// could be used). Every page still checks the session itself (lists, records and the dashboard).
export function App() {
  return (
    <Admin
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      loginPage={LoginPage}
      dashboard={Dashboard}
      layout={Layout}
      catchAll={() => <NotFound />}
      theme={lightTheme}
      darkTheme={darkTheme}
      disableTelemetry
    >
      <Resource name="lifecycles" {...lifecycles} />
      <Resource name="users" {...users} />
      <Resource name="customers" {...customers} />
      {KIND_PAGES.map(([plural, icon]) => (
        <Resource key={plural} name={plural} {...kindPages(icon)} />
      ))}
      <Resource name="evidence" {...evidence} />
      <Resource name="reconciliation" {...reconciliation} />
      <Resource name="conformance" {...findings} />
      <Resource name="conformanceScans" {...scans} />
      <CustomRoutes>
        <Route path="/receipts/:kind/:subjectId" element={<ReceiptPage />} />
        <Route path="/ledger" element={<LedgerPage />} />
        <Route path="/record-of-processing" element={<RecordOfProcessing />} />
      </CustomRoutes>
    </Admin>
  );
}
