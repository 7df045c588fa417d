/**
 * The demo workflows jobs can be started from (`startJobWithOptions/{name}`). Each is the smallest real IAP
 * workflow shape: `workflow_start` → one task → `workflow_end`, joined by standard success transitions.
 */
export interface Workflow {
  readonly name: string;
  /** The task's id in the workflow (the key in `Job.tasks`), a short hex string as IAP makes them. */
  readonly taskId: string;
  readonly taskName: string;
  /** The IAP application that runs the task. */
  readonly app: string;
}

export const WORKFLOWS: readonly Workflow[] = [
  { name: '8917Test2', taskId: '6a90', taskName: 'TestTask', app: 'WorkflowBuilder' },
  { name: 'PortTurnUp', taskId: 'b3c1', taskName: 'Configure Interface', app: 'MOP' },
  { name: 'DeviceBackup', taskId: '4f2e', taskName: 'Backup Config', app: 'ConfigurationManager' },
];

/** The workflow of the spec's examples, used for seeded jobs. */
export const DEFAULT_WORKFLOW: Workflow = WORKFLOWS[0]!;

export function workflowNamed(name: string): Workflow | undefined {
  return WORKFLOWS.find((w) => w.name === name);
}
