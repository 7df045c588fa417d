import { computeEnvironmentHandlers } from './compute-environment-handlers';
import { jobDefinitionHandlers } from './job-definition-handlers';
import { jobHandlers } from './job-handlers';
import { jobQueueHandlers } from './job-queue-handlers';
import { tagHandlers } from './tag-handlers';

/** Every operation of the spec, by operationId. */
export const handlers = {
  ...jobHandlers,
  ...jobDefinitionHandlers,
  ...jobQueueHandlers,
  ...computeEnvironmentHandlers,
  ...tagHandlers,
} as const;
