import type { Box } from "@pagewise/core";
import { PDFDocument, type PDFFont, rgb, StandardFonts } from "pdf-lib";
import { createPrng } from "../util/prng";
import { type ComposedPage, composeInvoicePage } from "./compose-invoice-page";
import { pick, SYNTHETIC_LANGUAGES, type SyntheticLanguage } from "./invented-names";
import { generateInvoiceContent } from "./invoice-content";

/** Every field of the default invoice category: a synthetic invoice's truth is complete. */
export const SYNTHETIC_INVOICE_FIELDS = [
  "invoice_number",
  "date",
  "due_date",
  "vendor",
  "vendor_address",
  "vendor_vat_id",
  "customer",
  "customer_address",
  "currency",
  "total_untaxed",
  "tax",
  "total",
  "amount_due",
] as const;

/**
 * A synthetic invoice's ground truth, in the dataset format of `DatasetGroundTruthSchema`
 * (so `pagewise train`, `eval` and `crossval` read a generated folder like any dataset), plus the
 * exact box of every run that prints a field.
 */
export interface SyntheticGroundTruth {
  file: string;
  type: "invoice";
  fields: Record<string, string>;
  /** Every invoice field: one without a value is known to be absent, not unknown. */
  keys_asked: string[];
  /** The invented seller: its documents group together in vendor-grouped splits. */
  vendor_cluster: string;
  source: {
    generator: "pagewise-synthetic";
    version: 1;
    seed: number;
    language: SyntheticLanguage;
  };
  /** Per field, the normalized page boxes (page 0) of the runs that print its value. */
  boxes: Record<string, Box[]>;
}

export interface SyntheticDocument {
  pdf: Uint8Array;
  groundTruth: SyntheticGroundTruth;
}

const FONTS = [
  [StandardFonts.Helvetica, StandardFonts.HelveticaBold],
  [StandardFonts.TimesRoman, StandardFonts.TimesRomanBold],
  [StandardFonts.Courier, StandardFonts.CourierBold],
] as const;

export interface GenerateOptions {
  /** Fixed language; default: en, de or fr drawn from the seed. */
  language?: SyntheticLanguage;
  /** The file name the ground truth points at (default `files/synthetic-<seed>.pdf`). */
  file?: string;
}

/**
 * Generate one invoice from a seed: content, layout, a real one-page PDF drawn with the PDF
 * standard fonts (text layer, as a supplier's invoicing software writes it), and its ground
 * truth with exact boxes. The same seed gives the same bytes.
 */
export async function generateSyntheticInvoice(
  seed: number,
  options: GenerateOptions = {},
): Promise<SyntheticDocument> {
  const prng = createPrng(seed);
  const language = options.language ?? pick(prng, SYNTHETIC_LANGUAGES);
  const content = generateInvoiceContent(prng.fork(), language);
  // No producer or dates in the metadata: the bytes depend on the seed alone.
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const [regularName, boldName] = pick(prng, FONTS);
  const regular = await pdf.embedFont(regularName);
  const bold = await pdf.embedFont(boldName);
  const fontOf = (isBold: boolean): PDFFont => (isBold ? bold : regular);
  const { page: composed, printed } = composeInvoicePage(
    content,
    prng.fork(),
    (text, size, isBold) => fontOf(isBold).widthOfTextAtSize(text, size),
  );
  const boxes = drawPage(pdf, composed, fontOf);
  const bytes = await pdf.save({ useObjectStreams: false });
  const file = options.file ?? `files/synthetic-${seed}.pdf`;
  return {
    pdf: bytes,
    groundTruth: {
      file,
      type: "invoice",
      fields: printed,
      keys_asked: [...SYNTHETIC_INVOICE_FIELDS],
      vendor_cluster: content.vendor.name,
      source: { generator: "pagewise-synthetic", version: 1, seed, language },
      boxes,
    },
  };
}

/** Draw the runs; return each field's run boxes in normalized page coordinates. */
function drawPage(
  pdf: PDFDocument,
  composed: ComposedPage,
  fontOf: (bold: boolean) => PDFFont,
): Record<string, Box[]> {
  const page = pdf.addPage([composed.width, composed.height]);
  const boxes: Record<string, Box[]> = {};
  const round = (n: number) => Math.round(n * 10000) / 10000;
  for (const run of composed.runs) {
    const font = fontOf(run.bold ?? false);
    const ascent = font.heightAtSize(run.size, { descender: false });
    page.drawText(run.text, {
      x: run.x,
      y: composed.height - run.y - ascent,
      size: run.size,
      font,
      color: rgb(0, 0, 0),
    });
    if (!run.field) continue;
    const height = font.heightAtSize(run.size);
    const box: Box = [
      round(run.x / composed.width),
      round(run.y / composed.height),
      round((run.x + font.widthOfTextAtSize(run.text.trimEnd(), run.size)) / composed.width),
      round((run.y + height) / composed.height),
    ];
    boxes[run.field] = [...(boxes[run.field] ?? []), box];
  }
  return boxes;
}
