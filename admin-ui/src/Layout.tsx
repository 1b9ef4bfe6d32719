// The frame of every page: the app bar says who is signed in (the person's name once the API gives
// it, else the role), with the language menu and the light/dark switch; the menu adds the ledger and
// the record of processing.
import { Typography, type Theme } from '@mui/material';
import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import MenuBookIcon from '@mui/icons-material/MenuBook';
import { AppBar, Layout as RaLayout, Menu, TitlePortal, useTranslate, type LayoutProps } from 'react-admin';
import { session } from './token';

function WhoAmI() {
  const translate = useTranslate();
  const role = session.role() ?? 'unknown';
  const name = session.name();
  const roleLabel = translate(`nitd.role.${role}`, { _: role });
  return (
    <Typography
      variant="body2"
      data-testid="whoami"
      sx={{ display: { xs: 'none', md: 'block' }, mr: 1, whiteSpace: 'nowrap' }}
      title={translate('nitd.app.zone')}
    >
      {translate('nitd.app.signedInAs', { name: name ? `${name}, ${roleLabel}` : roleLabel })}
    </Typography>
  );
}

// The title (flex: 1 in react-admin) takes all the room the right-hand side leaves: with a spacer
// beside it, it had half, and a record's long ID was cut off on a wide screen. On a phone the
// language button shows its icons only (its name stays its accessible name), else the title had
// room for two letters.
const PHONE_LANGUAGE = (theme: Theme) => ({
  [theme.breakpoints.down('sm')]: { '& button[aria-controls="simple-menu"]': { fontSize: 0, minWidth: 0, px: 0.5, ml: 1 } },
});

function ConsoleAppBar() {
  return (
    <AppBar sx={PHONE_LANGUAGE}>
      <TitlePortal />
      <WhoAmI />
    </AppBar>
  );
}

function ConsoleMenu() {
  const translate = useTranslate();
  return (
    <Menu>
      <Menu.DashboardItem />
      <Menu.ResourceItems />
      <Menu.Item to="/ledger" primaryText={translate('nitd.ledger.title')} leftIcon={<AccountBalanceIcon />} />
      <Menu.Item to="/record-of-processing" primaryText={translate('nitd.ropa.title')} leftIcon={<MenuBookIcon />} />
    </Menu>
  );
}

// react-admin sizes the frame to fit its content (minWidth: fit-content); here the frame is the
// screen's width and may shrink below its widest table, so wide tables scroll inside their card
// instead of widening the page on a phone.
const FRAME = { minWidth: 0, '& .RaLayout-appFrame, & .RaLayout-contentWithSidebar, & .RaLayout-content': { minWidth: 0 } };

export function Layout(props: LayoutProps) {
  return <RaLayout {...props} appBar={ConsoleAppBar} menu={ConsoleMenu} sx={FRAME} />;
}
