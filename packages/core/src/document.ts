import { z } from "zod";

/**
 * `queued → processing → processed | needs_review | failed`; a completed review makes `reviewed`.
 * `processed`, `needs_review`, `reviewed` and `failed` are terminal for the pipeline.
 */
export const DocumentStatusSchema = z.enum([
  "queued",
  "processing",
  "processed",
  "needs_review",
  "reviewed",
  "failed",
]);
export type DocumentStatus = z.infer<typeof DocumentStatusSchema>;

export const TERMINAL_STATUSES: ReadonlySet<DocumentStatus> = new Set([
  "processed",
  "needs_review",
  "reviewed",
  "failed",
]);

export const SUPPORTED_MIME_TYPES = [
  "application/pdf",
  "image/png",
  "image/jpeg",
  "image/tiff",
  /** A structured e-invoice alone (XRechnung / UBL / CII), sniffed by its root element. */
  "application/xml",
] as const;
export const MimeTypeSchema = z.enum(SUPPORTED_MIME_TYPES);
export type MimeType = z.infer<typeof MimeTypeSchema>;
