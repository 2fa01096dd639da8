import {
  type CategoryDefinition,
  type EInvoice,
  type ExtractedField,
  type Layout,
  unionBox,
} from "@pagewise/core";
import { buildDocumentView } from "../layout/document-view";
import { alignValue } from "./align-value";

/** Text values must match the page this closely (1 = exact after normalization). */
const MIN_TEXT_SCORE = 0.9;

/**
 * An e-invoice's fields as extracted fields of `category` (fields the category lacks are
 * dropped): the XML's values with confidence 1 and source `einvoice`, each located on the page
 * where the layout carries it — dates and amounts by their normalized form (`529.87` finds
 * `529,87`), texts by a close match over token runs — so it gets tokens and a box; a value the
 * page does not show keeps no tokens.
 *
 * @example locateEInvoiceFields(invoice, invoiceCategory, layout)[0] // { name: "invoice_number", value: "471102", tokenIds: ["0:12"], … }
 */
export function locateEInvoiceFields(
  einvoice: Pick<EInvoice, "fields">,
  category: CategoryDefinition,
  layout: Layout,
): ExtractedField[] {
  const view = layout.pages.length > 0 ? buildDocumentView(layout) : undefined;
  const out: ExtractedField[] = [];
  for (const field of einvoice.fields) {
    const definition = category.fields.find((f) => f.name === field.name);
    if (!definition) continue;
    const span = view
      ? alignValue(view, field.value, definition.type, {
          fieldName: field.name,
          minScore: MIN_TEXT_SCORE,
        })
      : null;
    const exact = span && span.score >= MIN_TEXT_SCORE ? span : null;
    // `span.page` is the page's position in the layout.
    const page = exact ? layout.pages[exact.page] : undefined;
    const ids = new Set(exact?.tokenIds ?? []);
    const boxes = (page?.tokens ?? []).filter((t) => ids.has(t.id)).map((t) => t.box);
    out.push({
      name: field.name,
      value: field.value,
      normalized: field.normalized,
      confidence: 1,
      page: page && boxes.length > 0 ? page.index : null,
      box: boxes.length > 0 ? unionBox(boxes) : null,
      tokenIds: boxes.length > 0 ? [...ids] : [],
      source: "einvoice",
    });
  }
  return out;
}
