import { z } from "zod";
import type { Layout } from "./layout";
import { mergeRows } from "./merge-rows";

/**
 * A layout read elsewhere (another OCR engine, a dataset's own OCR), in the shape the datasets
 * ship it: boxes in page pixels (`units: "pixels"`, the default) or already normalized 0–1.
 */
export const ImportLayoutSchema = z.object({
  units: z.enum(["pixels", "normalized"]).default("pixels"),
  pages: z
    .array(
      z.object({
        index: z.number().int().nonnegative(),
        width: z.number().positive(),
        height: z.number().positive(),
        tokens: z.array(
          z.object({
            text: z.string(),
            box: z.tuple([z.number(), z.number(), z.number(), z.number()]),
            line: z.number().int().nonnegative().optional(),
            confidence: z.number().min(0).max(1).optional(),
          }),
        ),
      }),
    )
    .min(1),
});
export type ImportLayout = z.infer<typeof ImportLayoutSchema>;

const clamp = (v: number) => Math.min(1, Math.max(0, v));

/**
 * Convert an imported layout to core's normalized layout (`source: "import"`): boxes divided by
 * the page size, token ids `"<page>:<index>"`, empty tokens dropped, text trimmed, and lines
 * renumbered as visual rows (`mergeRows`: OCR engines often give each text box its own line).
 * The platform's import and the CLI's dataset reading both use this, so a model sees the same
 * layout in training and in production.
 */
export function normalizeImportedLayout(input: ImportLayout): Layout {
  return {
    pages: input.pages.map((page) => {
      const sx = input.units === "pixels" ? page.width : 1;
      const sy = input.units === "pixels" ? page.height : 1;
      let line = 0;
      return {
        index: page.index,
        width: page.width,
        height: page.height,
        source: "import" as const,
        tokens: mergeRows(
          page.tokens
            .filter((t) => t.text.trim() !== "")
            .map((t, i) => {
              line = t.line ?? line;
              const [x0, y0, x1, y1] = t.box;
              return {
                id: `${page.index}:${i}`,
                text: t.text.trim(),
                box: [clamp(x0 / sx), clamp(y0 / sy), clamp(x1 / sx), clamp(y1 / sy)] as [
                  number,
                  number,
                  number,
                  number,
                ],
                confidence: t.confidence ?? 1,
                line,
              };
            }),
        ),
      };
    }),
  };
}
