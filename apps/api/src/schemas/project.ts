import { z } from "@hono/zod-openapi";
import {
  DocumentStatusSchema,
  LabelSchemaSchema,
  ProjectSettingsPatchSchema,
  ProjectSettingsSchema,
  RoleSchema,
} from "@pagewise/core";

export const ProjectSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    settings: ProjectSettingsSchema,
    labelSchema: LabelSchemaSchema,
    documents: z.partialRecord(DocumentStatusSchema, z.number().int()),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Project");

export const CreateProjectSchema = z.object({
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/)
    .refine((n) => !n.startsWith("prj_"))
    .openapi({ example: "accounts-payable" }),
  settings: ProjectSettingsPatchSchema.optional(),
  labelSchema: LabelSchemaSchema.optional(),
});

export const PatchProjectSchema = z.object({
  settings: ProjectSettingsPatchSchema.optional(),
  labelSchema: LabelSchemaSchema.optional(),
});

export const TokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: RoleSchema,
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    expiresAt: z.string().nullable().openapi({ description: "Refused after this; null: never" }),
  })
  .openapi("ApiToken");

export const CreatedTokenSchema = TokenSchema.extend({
  token: z.string().openapi({ description: "The secret. Shown once; store it now." }),
}).openapi("CreatedApiToken");

export const CreateTokenSchema = z.object({
  role: RoleSchema,
  name: z.string().min(1).max(100),
  expiresAt: z.iso
    .datetime({ offset: true })
    .optional()
    .openapi({ description: "When the token stops working (ISO 8601); omitted: never" }),
});
