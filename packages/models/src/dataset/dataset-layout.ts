import {
  ImportLayoutSchema,
  type Layout,
  normalizeImportedLayout,
  PagewiseError,
} from "@pagewise/core";

/**
 * Convert a dataset's precomputed layout (`layout/<stem>.json`: pixel boxes, origin top left, the
 * shape the platform imports) into a core `Layout`, exactly as the platform imports one (`normalizeImportedLayout`: normalized boxes, token ids
 * `"<page>:<index>"`, source `import`, lines renumbered as visual rows). Empty tokens are dropped.
 */
export function datasetLayoutToLayout(input: unknown): Layout {
  const parsed = ImportLayoutSchema.safeParse(input);
  if (!parsed.success) {
    throw new PagewiseError("validation_failed", `not a dataset layout: ${parsed.error.message}`);
  }
  return normalizeImportedLayout({
    ...parsed.data,
    pages: parsed.data.pages.map((page, p) => ({ ...page, index: p })),
  });
}
