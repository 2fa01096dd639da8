export {
  BACKGROUND_PRIORITY,
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
export { buildDocumentFlow, buildTrainingFlow, POST_READ_STAGES, TRAINING_STAGES } from "./flows";
export { jobIds } from "./job-ids";
export { JobProducer } from "./job-producer";
export {
  checkWebhookUrl,
  guardedLookup,
  isPrivateAddress,
  parseWebhookUrl,
} from "./webhook-target";
