export {
  BACKGROUND_PRIORITY,
  FAIR_QUEUES,
  isJobName,
  JOB_CATALOG,
  type JobCatalog,
  type JobDefinition,
  type JobName,
  type JobPayload,
  parseJobPayload,
  QUEUES,
  type QueueName,
  RETENTION,
} from "./catalog";
export { createRedisConnection, pingRedis } from "./connection";
export {
  backlogKey,
  MAX_FAIR_PRIORITY,
  MAX_PRIORITY,
} from "./fair-priority";
export {
  buildDocumentFlow,
  buildTrainingFlow,
  documentFlowJobIds,
  POST_READ_STAGES,
  TRAINING_STAGES,
} from "./flows";
export { jobIds } from "./job-ids";
export { JobProducer } from "./job-producer";
export {
  checkWebhookUrl,
  guardedLookup,
  isPrivateAddress,
  parseWebhookUrl,
} from "./webhook-target";
