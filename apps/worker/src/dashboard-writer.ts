import { Client, WorkflowIdConflictPolicy, type Connection } from '@temporalio/client';
import { dashboardWriterWorkflowId } from '../../../libs/contracts';
import type { dashboardWriterWorkflow } from '../../../workflows';

/**
 * Starts the dashboards' writer for this task queue unless it runs already, so every worker boot may call it:
 * replicas racing to start it end with one writer (the conflict policy returns the running one).
 */
export async function ensureDashboardWriter(connection: Connection, namespace: string, taskQueue: string) {
  const client = new Client({ connection, namespace });
  return client.workflow.start<typeof dashboardWriterWorkflow>('dashboardWriterWorkflow', {
    workflowId: dashboardWriterWorkflowId(taskQueue),
    taskQueue,
    args: [{}],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
  });
}
