import type { LabelSchema } from "@pagewise/core";
import type { TrainingDocument } from "@pagewise/models";
import { UsageError } from "../command";
import { loadDocuments } from "../datasets/load-documents";
import type { CliEnv } from "../env";
import type { DatasetArgs } from "./dataset-options";

/** Options of the commands that train (`parseArgs` config): extra training-only documents. */
export const AUGMENT_OPTIONS = {
  augment: { type: "string", multiple: true, default: [] as string[] },
  "augment-weight": { type: "string", default: "0.25" },
} as const;

export interface AugmentArgs {
  dirs: string[];
  weight: number;
}

/** Checked before anything is read, so a bad value fails at once. */
export function augmentArgs(values: { augment: string[]; "augment-weight": string }): AugmentArgs {
  const weight = Number(values["augment-weight"]);
  if (!(weight > 0 && weight <= 1)) throw new UsageError("--augment-weight must be in (0, 1]");
  return { dirs: values.augment, weight };
}

/**
 * The documents of `--augment` folders (typically `pagewise synth` output), whole, each marked
 * synthetic with the `--augment-weight` loss weight: trained on, never scored or held out to
 * calibrate confidences.
 */
export async function loadAugmentDocuments(
  augment: AugmentArgs,
  data: DatasetArgs,
  labelSchema: LabelSchema,
  env: CliEnv,
  log: (text: string) => void,
): Promise<TrainingDocument[]> {
  if (augment.dirs.length === 0) return [];
  const docs = await loadDocuments({
    ...data,
    dirs: augment.dirs,
    split: "all",
    labelSchema,
    env,
    log,
  });
  return docs.map((doc) => ({ ...doc, weight: augment.weight, synthetic: true }));
}
