import { z } from "zod";
import { FieldTypeSchema } from "./label-schema";
import { BoxSchema } from "./layout";

/**
 * Who sent a document, as far as a review tells: the reviewed vendor name (normalized with
 * `textKey`) and the identifiers printed on the page that belong to it (the reviewed VAT id,
 * IBANs, tax numbers). Matching a new document against it: docs/vendor-memory.md.
 */
export const VendorIdentitySchema = z.object({
  /** `textKey` of the reviewed vendor name (e.g. `LIEFERANTGMBH`); null when none was reviewed. */
  name: z.string().nullable(),
  /** Compact VAT ids (`DE123456789`): the reviewed `vendor_vat_id`. */
  vatIds: z.array(z.string()),
  /** Compact IBANs printed on the page (checksum valid). */
  ibans: z.array(z.string()),
  /** Tax numbers printed on the page (`201/113/40209`), digits and slashes only. */
  taxNumbers: z.array(z.string()),
});
export type VendorIdentity = z.infer<typeof VendorIdentitySchema>;

/**
 * Where one reviewed value was printed: the text just before it on its line (or the line above)
 * and the value's box relative to that anchor, plus its page-relative box as a fallback.
 */
export const RememberedFieldSchema = z.object({
  name: z.string(),
  type: FieldTypeSchema,
  page: z.number().int().nonnegative(),
  /** The value's box on its page (normalized page coordinates). */
  box: BoxSchema,
  tokenCount: z.number().int().positive(),
  lineCount: z.number().int().positive(),
  /** `textKey` of the anchor phrase, its box, and where it is (`left` on the line, or `above`). */
  anchor: z
    .object({ key: z.string(), box: BoxSchema, relation: z.enum(["left", "above"]) })
    .nullable(),
});
export type RememberedField = z.infer<typeof RememberedFieldSchema>;

/** What one reviewed document taught the vendor memory: its vendor and its fields' places. */
export const VendorObservationSchema = z.object({
  category: z.string(),
  vendor: VendorIdentitySchema,
  fields: z.array(RememberedFieldSchema),
});
export type VendorObservation = z.infer<typeof VendorObservationSchema>;
