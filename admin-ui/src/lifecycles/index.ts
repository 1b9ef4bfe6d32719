import TimelineIcon from '@mui/icons-material/Timeline';
import { LifecycleList } from './LifecycleList';
import { LifecycleShow } from './LifecycleShow';

export default { list: LifecycleList, show: LifecycleShow, icon: TimelineIcon, recordRepresentation: 'subjectId' };
