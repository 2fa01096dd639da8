import { type Layout, PagewiseError, tokenId } from "@pagewise/core";
import { z } from "zod";
import { mergeRows } from "../layout/merge-rows";

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

const clamp = (v: number) => Math.min(1, Math.max(0, v));

/**
 * Convert a dataset's precomputed layout (pixel boxes, origin top left) into a core `Layout`
 * (boxes normalized by the page's width and height, token ids `"<page>:<index>"`, source
 * `import`, lines renumbered as visual rows — see `mergeRows`). Empty tokens are dropped.
 */
export function datasetLayoutToLayout(input: unknown): Layout {
  const parsed = DatasetLayoutSchema.safeParse(input);
  if (!parsed.success) {
    throw new PagewiseError("validation_failed", `not a dataset layout: ${parsed.error.message}`);
  }
  return {
    pages: parsed.data.pages.map((page, p) => {
      const tokens = page.tokens
        .filter((t) => t.text.trim() !== "")
        .map((t, i) => ({
          id: tokenId(p, i),
          text: t.text.trim(),
          box: [
            clamp(t.box[0] / page.width),
            clamp(t.box[1] / page.height),
            clamp(t.box[2] / page.width),
            clamp(t.box[3] / page.height),
          ] as [number, number, number, number],
          confidence: t.confidence ?? 1,
          line: t.line,
        }));
      return {
        index: p,
        width: page.width,
        height: page.height,
        source: "import" as const,
        tokens: mergeRows(tokens),
      };
    }),
  };
}
