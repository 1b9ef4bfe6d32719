import FactCheckIcon from '@mui/icons-material/FactCheck';
import { ReconciliationList } from './ReconciliationList';
import { ReconciliationShow } from './ReconciliationShow';

export default { list: ReconciliationList, show: ReconciliationShow, icon: FactCheckIcon };
