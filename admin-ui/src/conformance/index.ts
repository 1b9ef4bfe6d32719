import ManageSearchIcon from '@mui/icons-material/ManageSearch';
import PolicyIcon from '@mui/icons-material/Policy';
import { FindingList } from './FindingList';
import { FindingShow } from './FindingShow';
import { ScanList } from './ScanList';
import { ScanShow } from './ScanShow';

export const findings = { list: FindingList, show: FindingShow, icon: PolicyIcon };
export const scans = { list: ScanList, show: ScanShow, icon: ManageSearchIcon };
