import { z } from "zod";

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
};

export const ProjectSettingsSchema = z.object({
  confidenceThreshold: settingsFields.confidenceThreshold.default(0.8),
  retrainAfterReviews: settingsFields.retrainAfterReviews.default(50),
  retrainCheckIntervalSeconds: settingsFields.retrainCheckIntervalSeconds.default(300),
  auditSampleRate: settingsFields.auditSampleRate.default(0.05),
  validationShare: settingsFields.validationShare.default(0.2),
  gate: GateSettingsSchema.default({ fieldTolerance: 0.02, macroTolerance: 0 }),
});
export type ProjectSettings = z.infer<typeof ProjectSettingsSchema>;

/** Some settings, the gate's too: what is not named keeps its current value. */
export const ProjectSettingsPatchSchema = z
  .object({ ...settingsFields, gate: z.object(gateFields).partial() })
  .partial();
export type ProjectSettingsPatch = z.infer<typeof ProjectSettingsPatchSchema>;

export const DEFAULT_PROJECT_SETTINGS: ProjectSettings = ProjectSettingsSchema.parse({});
