import type { Classification, Layout } from "@pagewise/core";
import { classifyDocument, extractFields } from "@pagewise/models";
import { shadowVersionsFor } from "@pagewise/registry";
import { getProjectById, type Project, saveShadowResult } from "@pagewise/storage";
import type { Logger } from "pino";
import type { WorkerDeps } from "../deps";

/**
 * The challenger, and with `monitoring.shadowNewVersions` the newest versions still in their
 * shadow period (`shadowVersionsFor` says which), predict on the live document too, after the
 * champion, without serving: each result is stored apart (`shadow_results`), to be compared with
 * the champion's once a person has reviewed the document. A failure here is logged and never
 * fails the document.
 */
export async function predictInShadow(
  deps: WorkerDeps,
  log: Logger,
  input: {
    projectId: string;
    /** The project as the stage has it (its document context): not loaded again. */
    project?: Project | null;
    documentId: string;
    champion: { id: string; version: number };
    layout: Layout;
  } & ({ kind: "classifier" } | { kind: "extractor"; category: string }),
): Promise<void> {
  try {
    const project = input.project ?? (await getProjectById(deps.db, input.projectId));
    if (!project) return;
    const versions = await shadowVersionsFor(deps.db, project, input.kind, input.champion);
    const predictions =
      input.kind === "classifier"
        ? (await deps.models.shadowing(input.projectId, "classifier", versions)).map(
            ({ version, model }) => ({
              version,
              kind: "classification" as const,
              predict: (): Promise<Classification> => classifyDocument(model, input.layout),
            }),
          )
        : (await deps.models.shadowing(input.projectId, "extractor", versions)).map(
            ({ version, model }) => ({
              version,
              kind: "extraction" as const,
              predict: () => extractFields(model, input.layout, input.category),
            }),
          );
    for (const { version, kind, predict } of predictions) {
      try {
        await saveShadowResult(deps.db, {
          projectId: input.projectId,
          documentId: input.documentId,
          kind,
          modelVersionId: version.id,
          modelVersion: version.version,
          data: await predict(),
        });
      } catch (error) {
        // One version failing does not keep the others from their shadow predictions.
        log.warn(
          { documentId: input.documentId, kind: input.kind, version: version.version, err: error },
          "shadow prediction failed",
        );
      }
    }
  } catch (error) {
    log.warn(
      { documentId: input.documentId, kind: input.kind, err: error },
      "shadow prediction failed",
    );
  }
}
