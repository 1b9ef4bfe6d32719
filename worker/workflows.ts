export { userLifecycleWorkflow } from '../lifecycles/user/workflow';
export { customerLifecycleWorkflow } from '../lifecycles/customer/workflow';
export { reconciliationWorkflow } from '../jobs/reconciliation/workflow';
