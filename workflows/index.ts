export { userLifecycleWorkflow } from './userLifecycle';
export { customerLifecycleWorkflow } from './customerLifecycle';
