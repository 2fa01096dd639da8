import {
  type Box,
  type CategoryDefinition,
  inferLocaleHints,
  type Layout,
  type RememberedField,
  textKey,
  unionBox,
  type VendorObservation,
} from "@pagewise/core";
import { alignValue } from "../align/align-value";
import { buildDocumentView, type DocumentView, type ViewToken } from "../layout/document-view";
import { documentKeys, identifyVendor, NAME_FIELDS } from "./identify-vendor";

/** Words closer than this (page widths) belong to one phrase. */
const WORD_GAP = 0.025;
/** An anchor on the line above must be this close (page heights). */
const ABOVE_REACH = 0.05;
const MAX_ANCHOR_TOKENS = 3;

/**
 * What a reviewed document teaches the vendor memory: who sent it, and for every reviewed
 * single-valued field where its value was printed (tokens the reviewer pointed at, else the
 * value aligned to the page) relative to the phrase before it. Null when the vendor cannot be
 * told (no reviewed name, VAT id or IBAN).
 */
export function observeVendorDocument(
  layout: Layout,
  category: CategoryDefinition,
  fields: readonly { name: string; value: string; tokenIds?: readonly string[] }[],
): VendorObservation | null {
  const view = buildDocumentView(layout);
  const hints = inferLocaleHints(layout);
  const byId = new Map(view.tokens.map((t) => [t.token.id, t]));
  const remembered: RememberedField[] = [];
  let printedName: string | undefined;
  for (const def of category.fields) {
    if (def.type === "list") continue; // a list's values have no one place
    const labeled = fields.filter((f) => f.name === def.name);
    if (labeled.length !== 1) continue;
    const label = labeled[0]!;
    let tokens = (label.tokenIds ?? []).map((id) => byId.get(id)).filter((t) => t !== undefined);
    if (tokens.length === 0) {
      const span = alignValue(view, label.value, def.type, { hints, fieldName: def.name });
      tokens = (span?.orders ?? []).map((o) => view.tokens[o]!);
    }
    if (tokens.length === 0) continue;
    tokens.sort((a, b) => a.order - b.order);
    const page = tokens[0]!.page;
    const onPage = tokens.filter((t) => t.page === page);
    // The name as the page prints it is what the next document will print too.
    if (NAME_FIELDS.includes(def.name) && printedName === undefined) {
      printedName = onPage.map((t) => t.token.text).join(" ");
    }
    remembered.push({
      name: def.name,
      type: def.type,
      page: layout.pages[page]!.index,
      box: unionBox(onPage.map((t) => t.token.box)),
      tokenCount: onPage.length,
      lineCount: new Set(onPage.map((t) => t.line)).size,
      anchor: findAnchor(view, onPage),
    });
  }
  const vendor = identifyVendor(layout, fields, documentKeys(layout), printedName);
  if (!vendor) return null;
  return { category: category.name, vendor, fields: remembered };
}

/**
 * The label-like phrase a value hangs on: the words just left of it on its line, else the words
 * of the nearest line above that overlap it. A phrase without letters (another value) is none.
 */
export function findAnchor(
  view: DocumentView,
  value: readonly ViewToken[],
): RememberedField["anchor"] {
  const first = value[0]!;
  const line = view.lines[first.line]!;
  const left: ViewToken[] = [];
  let edge = first.token.box[0];
  for (let i = first.inLine - 1; i >= 0 && left.length < MAX_ANCHOR_TOKENS; i--) {
    const t = view.tokens[line.tokens[i]!]!;
    if (left.length > 0 && edge - t.token.box[2] > WORD_GAP) break;
    // Digits are another value (a number, a date) that the next document will not repeat.
    if (/\d/.test(t.token.text)) break;
    left.unshift(t);
    edge = t.token.box[0];
  }
  const leftAnchor = anchorOf(left, "left");
  if (leftAnchor) return leftAnchor;
  const box = unionBox(value.map((t) => t.token.box));
  const [pageFirst] = view.pageLines[first.page]!;
  for (let l = first.line - 1; l >= pageFirst; l--) {
    const above = view.lines[l]!;
    if (box[1] - above.box[3] > ABOVE_REACH) break;
    const overlapping = above.tokens
      .map((o) => view.tokens[o]!)
      .filter((t) => t.token.box[2] > box[0] - WORD_GAP && t.token.box[0] < box[2] + WORD_GAP)
      .filter((t) => !/\d/.test(t.token.text))
      .slice(0, MAX_ANCHOR_TOKENS);
    const anchor = anchorOf(overlapping, "above");
    if (anchor) return anchor;
  }
  return null;
}

function anchorOf(tokens: readonly ViewToken[], relation: "left" | "above") {
  if (tokens.length === 0) return null;
  const text = tokens.map((t) => t.token.text).join(" ");
  if (!/\p{L}{2}/u.test(text)) return null;
  const key = textKey(text);
  if (key.length < 2) return null;
  const box: Box = unionBox(tokens.map((t) => t.token.box));
  return { key, box, relation };
}
