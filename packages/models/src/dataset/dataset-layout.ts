import { type Layout, normalizeImportedLayout, PagewiseError } from "@pagewise/core";
import { z } from "zod";

/** A precomputed layout as the datasets ship it (`layout/<stem>.json`): pixel boxes. */
export const DatasetLayoutSchema = z.object({
  source: z.string().optional(),
  pages: z.array(
    z.object({
      index: z.number().int().nonnegative(),
      width: z.number().positive(),
      height: z.number().positive(),
      tokens: z.array(
        z.object({
          text: z.string(),
          box: z.tuple([z.number(), z.number(), z.number(), z.number()]),
          line: z.number().int().nonnegative(),
          confidence: z.number().min(0).max(1).optional(),
        }),
      ),
    }),
  ),
});
export type DatasetLayout = z.infer<typeof DatasetLayoutSchema>;

/**
 * Convert a dataset's precomputed layout (pixel boxes, origin top left) into a core `Layout`,
 * exactly as the platform imports one (`normalizeImportedLayout`: normalized boxes, token ids
 * `"<page>:<index>"`, source `import`, lines renumbered as visual rows). Empty tokens are dropped.
 */
export function datasetLayoutToLayout(input: unknown): Layout {
  const parsed = DatasetLayoutSchema.safeParse(input);
  if (!parsed.success) {
    throw new PagewiseError("validation_failed", `not a dataset layout: ${parsed.error.message}`);
  }
  return normalizeImportedLayout({
    units: "pixels",
    pages: parsed.data.pages.map((page, p) => ({ ...page, index: p })),
  });
}
