import { z } from "zod";
import { PagewiseError } from "./errors";

export const RoleSchema = z.enum(["admin", "reviewer", "uploader", "viewer"]);
export type Role = z.infer<typeof RoleSchema>;

/** What each role may do. `viewer` reads; `uploader` also uploads; `reviewer` also corrects. */
const ROLE_RANK: Record<Role, number> = { viewer: 0, uploader: 1, reviewer: 2, admin: 3 };

export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[needed];
}

// Each setting's type, once; the settings schema adds the defaults, the patch schema leaves them
// out: with zod 4 a default inside `.partial()` still applies, so a partial update would silently
// reset every setting it did not name.
const gateFields = {
  /** A field's F1 may fall by at most this much for a challenger to pass. */
  fieldTolerance: z.number().min(0).max(1),
  /** The challenger's macro F1 may not be lower than the champion's by more than this. */
  macroTolerance: z.number().min(0).max(1),
};

export const GateSettingsSchema = z.object({
  fieldTolerance: gateFields.fieldTolerance.default(0.02),
  macroTolerance: gateFields.macroTolerance.default(0),
});
export type GateSettings = z.infer<typeof GateSettingsSchema>;

const monitoringFields = {
  /** A drift signal's PSI from this value on is `warn` (when it is more than sampling noise). */
  driftWarnPsi: z.number().min(0),
  /** A drift signal's PSI from this value on is `alert`. */
  driftAlertPsi: z.number().min(0),
  /** Fewer live documents in the window than this: every drift signal stays `ok`. */
  driftMinDocuments: z.number().int().min(1),
  /** Start a retraining when a drift signal is `alert` (and there is new feedback). */
  retrainOnDrift: z.boolean(),
  /** Start a retraining when the live share of kept predictions falls below this (0: never). */
  retrainBelowAccuracy: z.number().min(0).max(1),
  /** Reviewed live documents the live-accuracy trigger needs in its window before it judges. */
  accuracyMinDocuments: z.number().int().min(1),
  /**
   * A challenger that passed the gate stays challenger (predicting in the shadow of the
   * champion) until this many shadowed live documents are reviewed with no field worse than the
   * champion's; then the periodic check promotes it. 0: promote at once.
   */
  shadowDocuments: z.number().int().min(0),
  /**
   * Every new version (ready, or rejected by the gate) newer than the champion predicts in the
   * shadow of the champion for its next this many live documents, without serving — the two
   * newest such versions at most, besides the challenger. 0: only the challenger shadows.
   */
  shadowNewVersions: z.number().int().min(0),
};

export const MonitoringSettingsSchema = z.object({
  driftWarnPsi: monitoringFields.driftWarnPsi.default(0.1),
  driftAlertPsi: monitoringFields.driftAlertPsi.default(0.25),
  driftMinDocuments: monitoringFields.driftMinDocuments.default(3),
  retrainOnDrift: monitoringFields.retrainOnDrift.default(false),
  retrainBelowAccuracy: monitoringFields.retrainBelowAccuracy.default(0),
  accuracyMinDocuments: monitoringFields.accuracyMinDocuments.default(10),
  shadowDocuments: monitoringFields.shadowDocuments.default(0),
  shadowNewVersions: monitoringFields.shadowNewVersions.default(0),
});
export type MonitoringSettings = z.infer<typeof MonitoringSettingsSchema>;

const quotaFields = {
  /** New documents a project may upload in any rolling 24 hours (docs/quotas.md). null: no limit. */
  documentsPerDay: z.number().int().min(1).nullable(),
  /**
   * Pages: uploads are refused while the pages of the documents uploaded in the last 24 hours
   * (counted once read) reach this. null: no limit.
   */
  pagesPerDay: z.number().int().min(1).nullable(),
  /** Retrainings of the project running at once; 0 pauses retraining. null: no limit. */
  concurrentRetrainings: z.number().int().min(0).nullable(),
};

export const QuotaSettingsSchema = z.object({
  documentsPerDay: quotaFields.documentsPerDay.default(null),
  pagesPerDay: quotaFields.pagesPerDay.default(null),
  concurrentRetrainings: quotaFields.concurrentRetrainings.default(null),
});
export type QuotaSettings = z.infer<typeof QuotaSettingsSchema>;

/**
 * OCR languages whose tesseract data ships with Pagewise (`@tesseract.js-data/<code>` packages
 * of @pagewise/ocr; a test there checks each one is installed).
 */
export const OCR_LANGUAGES = ["eng", "deu", "fra"] as const;
export type OcrLanguage = (typeof OCR_LANGUAGES)[number];

/**
 * Throws `unsupported_ocr_language` unless every code is one of OCR_LANGUAGES (the schema only
 * checks the shape, so the API can answer this code rather than a generic validation error).
 */
export function checkOcrLanguages(languages: readonly string[] | null | undefined): void {
  const supported: readonly string[] = OCR_LANGUAGES;
  const unknown = (languages ?? []).filter((code) => !supported.includes(code));
  if (unknown.length > 0) {
    throw new PagewiseError(
      "unsupported_ocr_language",
      `No OCR data installed for ${unknown.map((c) => `"${c}"`).join(", ")}; available: ${OCR_LANGUAGES.join(", ")}.`,
      { unsupported: unknown, available: [...OCR_LANGUAGES] },
    );
  }
}

/** The tesseract language string of a project's languages, e.g. "eng+deu". */
export function ocrLanguageString(languages: readonly string[]): string {
  return languages.join("+");
}

const settingsFields = {
  /** A document with any field below this confidence ends `needs_review`. */
  confidenceThreshold: z.number().min(0).max(1),
  /** Completed reviews since the last training that start a retraining. */
  retrainAfterReviews: z.number().int().positive(),
  /** How often the scheduler looks at this project's feedback, in seconds. */
  retrainCheckIntervalSeconds: z.number().int().min(1),
  /** Share of confidently processed documents sampled into the review queue for audit. */
  auditSampleRate: z.number().min(0).max(1),
  /** Share of reviewed documents frozen into the validation set (the set only grows). */
  validationShare: z.number().min(0.05).max(0.5),
  /**
   * Documents older than this many days (since upload) are deleted by the retention job, with
   * everything of them, exactly like `DELETE`. null: kept until deleted by hand.
   */
  retentionDays: z.number().int().min(1).max(36_500).nullable(),
  /**
   * Take an e-invoice's fields from its XML (an XML upload, or a ZUGFeRD / Factur-X PDF's
   * embedded file): category invoice, confidence 1, no review. false: the models read such
   * documents like any other (the XML's lines are still shown).
   */
  readEInvoices: z.boolean(),
  /**
   * Languages OCR reads this project's scans in (tesseract codes, in order of likelihood), e.g.
   * ["eng", "deu"]. Each must be installed (OCR_LANGUAGES; checked by the API with the code
   * `unsupported_ocr_language`). Applies to pages read after the change, no restart needed.
   * null: the instance default (the worker's PAGEWISE_OCR_LANGUAGES, "eng" unless set).
   */
  ocrLanguages: z
    .array(z.string().regex(/^[a-z]{3}(_[a-z]+)?$/))
    .min(1)
    .max(4)
    .refine((codes) => new Set(codes).size === codes.length, "languages must not repeat")
    .nullable(),
  /**
   * Remember where each reviewed vendor prints its fields and answer from that memory beside the
   * model (docs/vendor-memory.md): the next invoice of a vendor benefits from one review at once.
   */
  vendorMemory: z.boolean(),
};

export const ProjectSettingsSchema = z.object({
  confidenceThreshold: settingsFields.confidenceThreshold.default(0.8),
  retrainAfterReviews: settingsFields.retrainAfterReviews.default(50),
  retrainCheckIntervalSeconds: settingsFields.retrainCheckIntervalSeconds.default(300),
  auditSampleRate: settingsFields.auditSampleRate.default(0.05),
  validationShare: settingsFields.validationShare.default(0.2),
  retentionDays: settingsFields.retentionDays.default(null),
  readEInvoices: settingsFields.readEInvoices.default(true),
  ocrLanguages: settingsFields.ocrLanguages.default(null),
  vendorMemory: settingsFields.vendorMemory.default(true),
  gate: GateSettingsSchema.default({ fieldTolerance: 0.02, macroTolerance: 0 }),
  monitoring: MonitoringSettingsSchema.default(MonitoringSettingsSchema.parse({})),
  /** Per-project quotas; absent (every quota null) for existing projects: no limits. */
  quotas: QuotaSettingsSchema.default(QuotaSettingsSchema.parse({})),
});
export type ProjectSettings = z.infer<typeof ProjectSettingsSchema>;

/** Some settings, the gate's and monitoring's too: what is not named keeps its current value. */
export const ProjectSettingsPatchSchema = z
  .object({
    ...settingsFields,
    gate: z.object(gateFields).partial(),
    monitoring: z.object(monitoringFields).partial(),
    quotas: z.object(quotaFields).partial(),
  })
  .partial();
export type ProjectSettingsPatch = z.infer<typeof ProjectSettingsPatchSchema>;

/** Below this many labeled documents a model cannot learn anything worth serving. */
export const MIN_LABELED_DOCUMENTS = 4;

export const DEFAULT_PROJECT_SETTINGS: ProjectSettings = ProjectSettingsSchema.parse({});
