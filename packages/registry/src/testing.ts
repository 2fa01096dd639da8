import type { Lineage } from "./model-types";

/**
 * Lineage for model versions that tests register by hand: `trained` as a training run would
 * record it (ten train documents, two validation), `uploaded` as an uploaded artifact's.
 */
export function testLineage(origin: "trained" | "uploaded" = "trained"): Lineage {
  const trained = origin === "trained";
  return {
    trainingRunId: null,
    datasetSnapshotId: null,
    datasetHash: trained ? "h" : null,
    labelSchemaVersion: 1,
    trainDocuments: trained ? 10 : 0,
    validationDocuments: trained ? 2 : 0,
    codeVersion: "test",
    hyperparameters: {},
    seed: 1,
    backend: "cpu",
    trainingDurationMs: trained ? 1 : 0,
    weightsHash: "w",
    origin: trained ? "training" : "upload",
  };
}
