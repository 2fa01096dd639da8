import { setImmediate as yieldToLoop } from "node:timers/promises";
import { buildDriftProfile, type DocumentObservation, observeDocument } from "@pagewise/core";
import { classifyDocument, extractFields } from "@pagewise/models";
import { listSplitDocuments } from "@pagewise/registry";
import { type ChampionPair, getDriftReference, saveDriftReference } from "@pagewise/storage";
import type { Logger } from "pino";
import type { WorkerDeps } from "../deps";
import { loadLayout } from "../document-layout";

/** A reference needs no more documents than this to fix its histograms. */
const MAX_REFERENCE_DOCUMENTS = 300;

/**
 * Make sure the project's current pair of champions has a drift reference: the observations of
 * the labeled documents — document features from all of them, the champions' predictions on the
 * validation documents (never trained on). Called when a
 * retraining promotes, and by the periodic check for champions that arrived another way (a
 * rollback or a promotion through the API, an uploaded version). Returns whether one was built.
 */
export async function ensureDriftReference(
  deps: WorkerDeps,
  log: Logger,
  projectId: string,
): Promise<boolean> {
  const classifier = await deps.models.champion(projectId, "classifier");
  const extractor = await deps.models.champion(projectId, "extractor");
  if (!classifier && !extractor) return false;
  const champions: ChampionPair = {
    classifierVersionId: classifier?.version.id ?? null,
    extractorVersionId: extractor?.version.id ?? null,
  };
  if (await getDriftReference(deps.db, projectId, champions)) return false;
  const validation = await listSplitDocuments(
    deps.db,
    projectId,
    "validation",
    MAX_REFERENCE_DOCUMENTS,
  );
  if (validation.length === 0) return false;
  const train = await listSplitDocuments(deps.db, projectId, "train", MAX_REFERENCE_DOCUMENTS);
  const observations: DocumentObservation[] = [];
  // What documents look like does not depend on the model: every labeled document describes it.
  // What the models say does: a model is sure of what it trained on, so its category and
  // confidences come from the validation documents only.
  for (const id of train) {
    observations.push(observeDocument(await loadLayout(deps.db, id)));
  }
  for (const id of validation) {
    const layout = await loadLayout(deps.db, id);
    // As in the pipeline: the category first, then the fields of that category.
    const classification = classifier ? await classifyDocument(classifier.model, layout) : null;
    const fields =
      extractor && classification
        ? await extractFields(extractor.model, layout, classification.category)
        : null;
    observations.push(observeDocument(layout, classification, fields));
    // Predictions run on this thread: let the queue renew its locks between documents.
    await yieldToLoop();
  }
  await saveDriftReference(deps.db, {
    projectId,
    champions,
    profile: buildDriftProfile(observations),
  });
  log.info(
    {
      projectId,
      classifierVersion: classifier?.version.version ?? null,
      extractorVersion: extractor?.version.version ?? null,
      documents: observations.length,
    },
    "drift reference built",
  );
  return true;
}
