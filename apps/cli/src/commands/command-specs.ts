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
    "               [--schema FILE] [--refresh-cache] [--set name=JSON …]\n" +
    "  --set: an extractor hyperparameter (docs/models.md), e.g. --set completeSpans=false.\n" +
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
    "                  [--dump FILE]\n" +
    "  --dump FILE: write one JSON line per scored document (labeled and predicted values).\n" +
    "  --group vendor: leave-vendors-out folds (each vendor's documents in one fold; documents\n" +
    "  without a vendor, such as receipts and contracts, round robin as without it).",
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
