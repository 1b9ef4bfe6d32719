export { userLifecycleWorkflow } from './userLifecycle';
export { customerLifecycleWorkflow } from './customerLifecycle';
export { reconciliationWorkflow } from './reconciliation';
