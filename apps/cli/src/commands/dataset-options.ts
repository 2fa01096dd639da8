import { readFile } from "node:fs/promises";
import { type LabelSchema, LabelSchemaSchema } from "@pagewise/core";
import { UsageError } from "../command";

/** Options shared by commands that read datasets (`parseArgs` config). */
export const DATASET_OPTIONS = {
  data: { type: "string", multiple: true },
  layout: { type: "string", default: "read" },
  split: { type: "string", default: "all" },
  "split-seed": { type: "string", default: "1" },
  "split-by": { type: "string", default: "document" },
  schema: { type: "string" },
  "refresh-cache": { type: "boolean", default: false },
} as const;

export interface DatasetArgs {
  dirs: string[];
  layout: "dataset" | "read";
  split: "train" | "test" | "all";
  splitSeed: number;
  /** `vendor`: whole vendor groups go to one side of the split (documents without one: by document). */
  splitBy: "document" | "vendor";
  labelSchema?: LabelSchema;
  refreshCache: boolean;
}

export function parseInteger(name: string, value: string): number {
  if (!/^-?\d+$/.test(value)) throw new UsageError(`--${name} must be an integer, got "${value}"`);
  return Number(value);
}

export async function datasetArgs(values: {
  data?: string[];
  layout?: string;
  split?: string;
  "split-seed"?: string;
  "split-by"?: string;
  schema?: string;
  "refresh-cache"?: boolean;
}): Promise<DatasetArgs> {
  if (!values.data || values.data.length === 0) throw new UsageError("--data DIR is required");
  if (values.layout !== "dataset" && values.layout !== "read")
    throw new UsageError("--layout must be dataset or read");
  if (values.split !== "train" && values.split !== "test" && values.split !== "all") {
    throw new UsageError("--split must be train, test or all");
  }
  const splitBy = values["split-by"] ?? "document";
  if (splitBy !== "document" && splitBy !== "vendor")
    throw new UsageError("--split-by must be document or vendor");
  const labelSchema = values.schema
    ? LabelSchemaSchema.parse(JSON.parse(await readFile(values.schema, "utf8")))
    : undefined;
  return {
    dirs: values.data,
    layout: values.layout,
    split: values.split,
    splitSeed: parseInteger("split-seed", values["split-seed"] ?? "1"),
    splitBy,
    labelSchema,
    refreshCache: values["refresh-cache"] ?? false,
  };
}
