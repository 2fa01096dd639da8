/**
 * Deterministic job ids: adding a job whose id is already in Redis is a no-op, so a retried
 * producer or a racing reconciler cannot start the same stage twice. (BullMQ forbids ':' in ids.)
 */
export const jobIds = {
  ingest: (documentId: string, run: number) => `ingest-${documentId}-${run}`,
  read: (documentId: string, run: number, pageIndex: number) =>
    `read-${documentId}-${run}-${pageIndex}`,
  classify: (documentId: string, run: number) => `classify-${documentId}-${run}`,
  extract: (documentId: string, run: number) => `extract-${documentId}-${run}`,
  finalize: (documentId: string, run: number) => `finalize-${documentId}-${run}`,
  render: (documentId: string, pageIndex: number) => `render-${documentId}-${pageIndex}`,
  snapshot: (trainingRunId: string) => `snapshot-${trainingRunId}`,
  train: (trainingRunId: string) => `train-${trainingRunId}`,
  evaluate: (trainingRunId: string) => `evaluate-${trainingRunId}`,
  promote: (trainingRunId: string) => `promote-${trainingRunId}`,
  feedbackCheck: (projectId: string) => `feedback-check-${projectId}`,
  evaluateUpload: (modelVersionId: string) => `evaluate-upload-${modelVersionId}`,
  webhookDelivery: (deliveryId: string, attempt: number) => `webhook-${deliveryId}-${attempt}`,
};
