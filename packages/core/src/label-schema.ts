import { z } from "zod";

export const FieldTypeSchema = z.enum(["text", "date", "amount", "currency", "id", "list", "term"]);
export type FieldType = z.infer<typeof FieldTypeSchema>;

const nameRegex = /^[a-z][a-z0-9_]{0,63}$/;

export const FieldDefinitionSchema = z.object({
  name: z.string().regex(nameRegex),
  type: FieldTypeSchema,
  required: z.boolean().default(false),
  description: z.string().optional(),
});
export type FieldDefinition = z.infer<typeof FieldDefinitionSchema>;

export const CategoryDefinitionSchema = z.object({
  name: z.string().regex(nameRegex),
  fields: z.array(FieldDefinitionSchema),
});
export type CategoryDefinition = z.infer<typeof CategoryDefinitionSchema>;

/** What a project extracts: its categories and each category's fields. Versioned on every change. */
export const LabelSchemaSchema = z.object({
  version: z.number().int().positive(),
  categories: z.array(CategoryDefinitionSchema).min(1),
});
export type LabelSchema = z.infer<typeof LabelSchemaSchema>;

const f = (name: string, type: FieldType, required = false): FieldDefinition => ({
  name,
  type,
  required,
});

/** Defaults for a new project; the field names follow the public datasets in `../shared/data`. */
export const DEFAULT_LABEL_SCHEMA: LabelSchema = {
  version: 1,
  categories: [
    {
      name: "invoice",
      fields: [
        f("invoice_number", "id", true),
        f("date", "date", true),
        f("due_date", "date"),
        f("vendor", "text", true),
        f("vendor_address", "text"),
        f("vendor_vat_id", "id"),
        f("customer", "text"),
        f("customer_address", "text"),
        f("currency", "currency"),
        f("total_untaxed", "amount"),
        f("tax", "amount"),
        f("total", "amount", true),
        f("amount_due", "amount"),
      ],
    },
    {
      name: "receipt",
      fields: [
        f("company", "text", true),
        f("date", "date", true),
        f("address", "text"),
        f("total", "amount", true),
      ],
    },
    {
      name: "contract",
      fields: [
        f("parties", "list", true),
        f("effective_date", "date"),
        f("jurisdiction", "text"),
        f("term", "term"),
      ],
    },
  ],
};

export function findCategory(schema: LabelSchema, name: string): CategoryDefinition | undefined {
  return schema.categories.find((c) => c.name === name);
}
