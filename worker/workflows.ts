// The worker's workflow bundle entry: every workflow type it runs. The sandbox bundles this file and
// what it imports, so it names workflow modules only; tests/architecture/layers.test.ts checks that
// every kind in lifecycles/registry.ts has its workflow here.
export { userLifecycleWorkflow } from '../lifecycles/user/workflow';
export { customerLifecycleWorkflow } from '../lifecycles/customer/workflow';
export { contactLifecycleWorkflow } from '../lifecycles/contact/workflow';
export { supportCaseLifecycleWorkflow } from '../lifecycles/supportCase/workflow';
export { prospectLifecycleWorkflow } from '../lifecycles/prospect/workflow';
export { reconciliationWorkflow } from '../jobs/reconciliation/workflow';
export { conformanceScanWorkflow } from '../jobs/conformance/workflow';
export { reErasureWorkflow } from '../jobs/reErasure/workflow';
export { ageingSweepWorkflow } from '../jobs/ageing/workflow';
