import type { CommandSpec } from "../command";

/**
 * What `pagewise --help` says of the commands whose code is heavy to load: the local model
 * commands (TensorFlow.js and pdf.js), `keys` and `migrate` (the database drivers). Kept apart from their
 * code, which the CLI imports only when one of them runs, so `--help` and the commands that talk
 * to the platform start in a fraction of the time.
 */
export const TRAIN_SPEC: CommandSpec = {
  name: "train",
  summary: "train the classifier and the extractor from datasets",
  usage:
    "pagewise train --project P   (retrain in the running platform and follow it; PAGEWISE_URL, PAGEWISE_TOKEN)\n" +
    "       pagewise train --data DIR [--data DIR …] --out MODEL_DIR [--layout dataset|read] [--seed N]\n" +
    "               [--split train|test|all] [--split-seed N] [--split-by document|vendor] [--epochs N]\n" +
    "               [--schema FILE] [--refresh-cache] [--set name=JSON …] [--augment DIR … [--augment-weight W]]\n" +
    "  --set: an extractor hyperparameter (docs/models.md), e.g. --set completeSpans=false.\n" +
    "  --augment DIR: synthetic documents (`pagewise synth`) trained on whole, weighing W in the loss\n" +
    "  (default 0.25), never held out to calibrate confidences (docs/synthetic-documents.md).\n" +
    "  --split-by vendor: each vendor's documents all on one side of the split (see docs/models.md).",
};

export const EVAL_SPEC: CommandSpec = {
  name: "eval",
  summary: "evaluate a trained model directory on datasets",
  usage:
    "pagewise eval --model MODEL_DIR --data DIR [--data DIR …] [--json] [--timing] [--layout dataset|read]\n" +
    "              [--split train|test|all] [--split-seed N] [--split-by document|vendor]\n" +
    "              [--true-category] [--errors]\n" +
    "              [--ignore-einvoice]\n" +
    "  As the platform does, an e-invoice PDF (ZUGFeRD / Factur-X) is scored by the fields of its\n" +
    "  embedded XML; --ignore-einvoice scores the models alone on it.",
};

export const CROSSVAL_SPEC: CommandSpec = {
  name: "crossval",
  summary: "k-fold cross-validation of the models on datasets (for tuning hyperparameters)",
  usage:
    "pagewise crossval --data DIR [--data DIR …] [--folds K] [--seed N] [--set name=JSON …]\n" +
    "                  [--group none|vendor] [--score-only DATASET …] [--layout dataset|read]\n" +
    "                  [--split train|test|all] [--split-seed N] [--split-by document|vendor] [--json]\n" +
    "                  [--dump FILE] [--augment DIR … [--augment-weight W]]\n" +
    "  --dump FILE: write one JSON line per scored document (labeled and predicted values).\n" +
    "  --augment DIR: a dataset folder (e.g. from `pagewise synth`) added to every fold's training\n" +
    "  documents and never scored; its documents weigh W in the loss (default 0.25).\n" +
    "  --group vendor: leave-vendors-out folds (each vendor's documents in one fold; documents\n" +
    "  without a vendor, such as receipts and contracts, round robin as without it).",
};

export const SYNTH_SPEC: CommandSpec = {
  name: "synth",
  summary: "generate synthetic invoices (real PDFs with exact labels) as a dataset folder",
  usage:
    "pagewise synth --out DIR [--count N] [--seed N] [--language en|de|fr]\n" +
    "  Writes DIR/files/synthetic-<seed>.pdf and DIR/gt/synthetic-<seed>.json (the dataset format of\n" +
    "  train, eval and crossval) for seeds N … N+count-1. Each invoice has an invented seller, buyer\n" +
    "  and layout; its ground truth lists every invoice field and the boxes that print them.\n" +
    "  Default: 100 invoices from seed 1, languages drawn at random. See docs/synthetic-documents.md.",
};

export const KEYS_SPEC: CommandSpec = {
  name: "keys",
  summary: "master keys of encryption at rest: add a key, rotate (re-wrap data keys)",
  usage: `pagewise keys add
       pagewise keys rotate [--drop-retired]

Master keys of encryption at rest (docs/security.md). Run on a machine that has the platform's
data folder (PAGEWISE_DATA_DIR), DATABASE_URL and master keys (PAGEWISE_MASTER_KEY or the key
file).

  add       key file only: add a new master key and make it current (the old ones stay to read
            older data). Then restart the API and the workers so they wrap new data with it.
  rotate    re-wrap every data key (documents' keys and blobs' keys) under the current master
            key, without re-encrypting any data; the other keys are marked retired.
            --drop-retired  then remove them from the key file (with PAGEWISE_MASTER_KEY,
                            remove them from the variable yourself).`,
};

export const MIGRATE_SPEC: CommandSpec = {
  name: "migrate",
  summary: "apply the database migrations of this version (a deployment's one-off job)",
  usage: `pagewise migrate

Brings the platform's database (DATABASE_URL, or the SQLite file in PAGEWISE_DATA_DIR) to this
version's schema and prints what it applied, or that the schema is current. Run it once before
starting the API and workers with PAGEWISE_AUTO_MIGRATE=off (docs/deploy.md); safe to run again.
Exit code 1 when the database cannot be reached or a migration fails.`,
};
