export { userLifecycleWorkflow } from './userLifecycle';
