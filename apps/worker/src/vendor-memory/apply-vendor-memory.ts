import type { CategoryDefinition, ExtractedField, Layout } from "@pagewise/core";
import { recordVendorMemoryFields } from "@pagewise/metrics";
import { answerFromVendorMemory, mergeMemoryFields } from "@pagewise/models";
import { type Db, listVendorObservations, type Project } from "@pagewise/storage";
import { learnVendorMemory } from "./learn-vendor-memory";

/**
 * The extract stage's fields with the vendor memory consulted beside the model
 * (docs/vendor-memory.md): when the document's vendor was reviewed before, every field its
 * reviews located and that reads as a well-typed value here answers instead of the model's
 * (`source: "memory"`), unless the model is more confident of its own (`mergeMemoryFields`). Off when the project's `vendorMemory` setting is false.
 */
export async function applyVendorMemory(
  db: Db,
  input: {
    project: Project;
    category: CategoryDefinition;
    layout: Layout;
    fields: ExtractedField[];
  },
): Promise<{ fields: ExtractedField[]; fromMemory: number }> {
  const { project, category, layout } = input;
  if (!project.settings.vendorMemory || layout.pages.length === 0) {
    return { fields: input.fields, fromMemory: 0 };
  }
  await learnVendorMemory(db, project);
  const stored = await listVendorObservations(db, project.id);
  const answer = answerFromVendorMemory(
    layout,
    category,
    stored.map((s) => s.observation),
  );
  const fields = mergeMemoryFields(input.fields, answer.fields);
  const fromMemory = fields.filter((f) => f.source === "memory").length;
  recordVendorMemoryFields(fromMemory);
  return { fields, fromMemory };
}
