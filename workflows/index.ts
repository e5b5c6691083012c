// The worker bundles this file (and what it imports) into Temporal's workflow sandbox.
export { dossierWorkflow } from './dossier.workflow';
export { dailyDigestWorkflow } from './digest.workflow';
export { councilCloseWorkflow } from './council-close.workflow';
export { dashboardWriterWorkflow } from './dashboard-writer.workflow';
export { operationWorkflow } from './operation.workflow';
