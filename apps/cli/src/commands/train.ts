import { parseArgs } from "node:util";
import { DEFAULT_LABEL_SCHEMA } from "@pagewise/core";
import { initBackend, type TrainProgress, trainModels } from "@pagewise/models";
import { type Command, UsageError } from "../command";
import { loadDocuments } from "../datasets/load-documents";
import { writeModelDir } from "../model-dir";
import { Progress } from "../progress";
import { AUGMENT_OPTIONS, augmentArgs, loadAugmentDocuments } from "./augment-options";
import { TRAIN_SPEC } from "./command-specs";
import { parseOverrides } from "./crossval";
import { DATASET_OPTIONS, datasetArgs, parseInteger } from "./dataset-options";
import { retrainProject } from "./retrain";

export const trainCommand: Command = {
  ...TRAIN_SPEC,
  async run(args, context) {
    const { log, env } = context;
    const project = args.indexOf("--project");
    if (project >= 0) {
      if (args.length !== 2 || !args[project + 1])
        throw new UsageError("train --project P takes no other options");
      return retrainProject(args[project + 1]!, context);
    }
    const { values } = parseArgs({
      args,
      options: {
        ...DATASET_OPTIONS,
        out: { type: "string" },
        seed: { type: "string", default: "1" },
        epochs: { type: "string" },
        set: { type: "string", multiple: true, default: [] },
        ...AUGMENT_OPTIONS,
      },
      strict: true,
    });
    if (!values.out) throw new UsageError("--out MODEL_DIR is required");
    const data = await datasetArgs(values);
    const augment = augmentArgs(values);
    const seed = parseInteger("seed", values.seed);
    const epochs = values.epochs === undefined ? undefined : parseInteger("epochs", values.epochs);
    const overrides = parseOverrides(values.set);
    await initBackend({ log });
    const schema = data.labelSchema ?? DEFAULT_LABEL_SCHEMA;
    const docs = [
      ...(await loadDocuments({ ...data, env, log })),
      ...(await loadAugmentDocuments(augment, data, schema, env, log)),
    ];
    const started = performance.now();
    // One bar per model and phase: featurizing (documents or tokens), then epochs with the loss.
    let bar: Progress | null = null;
    let barKey = "";
    const progress = (p: TrainProgress) => {
      const key = `${p.model}:${p.phase}`;
      if (p.phase === "done") {
        bar?.done();
        bar = null;
        barKey = "";
        return;
      }
      if (p.phase === "featurize" && !p.total) return;
      if (key !== barKey) {
        bar?.done();
        bar =
          p.phase === "featurize"
            ? new Progress(`${p.model}: featurize`, { unit: "items", total: p.total })
            : new Progress(`${p.model}: train`, { unit: "epochs", total: p.epochs });
        barKey = key;
      }
      if (p.phase === "epoch" && p.loss !== undefined) bar!.note = `loss ${p.loss.toFixed(4)}`;
      bar!.update(p.phase === "featurize" ? (p.done ?? 0) : p.epoch);
    };
    const models = await trainModels(docs, schema, {
      seed,
      // An explicit --epochs is exact (no raise to the extractor's minimum number of steps).
      extractor: epochs === undefined ? overrides : { ...overrides, epochs, minSteps: 0 },
      onProgress: progress,
    });
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    const written = await writeModelDir(values.out, models);
    const { hyperparameters: hp } = models.extractor.metadata;
    log(
      `trained on ${docs.length} documents in ${secs} s (classifier ${models.classifier.metadata.trainingMs} ms, extractor ${models.extractor.metadata.trainingMs} ms)`,
    );
    log(
      `aligned ${hp.alignedValues}/${hp.labeledValues} labeled values; ${hp.trainingRows} token rows`,
    );
    log(`wrote ${written.length} files to ${values.out}`);
    return 0;
  },
};
