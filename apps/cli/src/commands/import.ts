import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { unwrap } from "@pagewise/client";
import { findCategory, type LabelSchema } from "@pagewise/core";
import { connect } from "../api-client";
import { type Command, UsageError } from "../command";
import { type DatasetEntry, listDataset } from "../datasets/list-dataset";
import { Progress } from "../progress";
import { parseInteger } from "./dataset-options";

/** Ground-truth fields as labels of the project's schema (lists become one label per value). */
function labelsFor(entry: DatasetEntry, schema: LabelSchema) {
  const category = findCategory(schema, entry.gt.type);
  if (!category) return null;
  const names = new Set(category.fields.map((f) => f.name));
  const fields = Object.entries(entry.gt.fields)
    .filter(([name]) => names.has(name))
    .flatMap(([name, value]) =>
      (Array.isArray(value) ? value : [value])
        .filter((v): v is string => typeof v === "string" && v.trim() !== "")
        .map((v) => ({ name, value: v })),
    );
  return { category: category.name, fields };
}

export const importCommand: Command = {
  name: "import",
  summary: "load a labeled dataset into a project (documents + labels) to bootstrap it",
  usage:
    "pagewise import --project P --data DIR [--data DIR …] [--layout dataset|read] [--limit N]\n" +
    "  (PAGEWISE_URL, PAGEWISE_TOKEN: a reviewer or admin token of the project)",
  async run(args, { log, env }) {
    const { values } = parseArgs({
      args,
      options: {
        project: { type: "string" },
        data: { type: "string", multiple: true },
        layout: { type: "string", default: "read" },
        limit: { type: "string" },
      },
      strict: true,
    });
    if (!values.project) throw new UsageError("--project is required");
    if (!values.data?.length) throw new UsageError("--data DIR is required");
    if (values.layout !== "dataset" && values.layout !== "read") {
      throw new UsageError("--layout is dataset or read");
    }
    const limit = values.limit ? parseInteger("limit", values.limit) : Number.POSITIVE_INFINITY;
    if (limit < 1) throw new UsageError("--limit must be at least 1");
    // Every folder is listed first: a missing one fails before anything is sent, and the
    // progress knows its total.
    const folders = [];
    for (const dir of values.data) {
      const { entries, skipped } = await listDataset(dir);
      if (skipped.length)
        log(`${basename(dir)}: skipping ${skipped.length} (not documents to label)`);
      folders.push(entries.slice(0, limit));
    }
    const pagewise = connect(env);
    const project = await unwrap(
      pagewise.api.GET("/v1/projects/{project}", { params: { path: { project: values.project } } }),
    );
    const progress = new Progress("import", {
      unit: "documents",
      total: folders.reduce((n, entries) => n + entries.length, 0),
    });
    let imported = 0;
    let duplicates = 0;
    for (const entries of folders) {
      for (const entry of entries) {
        const labels = labelsFor(entry, project.labelSchema);
        if (!labels) {
          progress.interrupt();
          log(`${entry.id}: no category '${entry.gt.type}' in the project; skipped`);
          progress.tick();
          continue;
        }
        const layout =
          values.layout === "dataset"
            ? await readFile(entry.layoutFile, "utf8").catch(() => undefined)
            : undefined;
        // Importing the same dataset again adds nothing: the key and the bytes are the same.
        const uploaded = await pagewise.documents.upload(await readFile(entry.file), {
          project: values.project,
          filename: basename(entry.file),
          labels,
          layout,
          idempotencyKey: `import:${entry.id}`,
        });
        if (uploaded.duplicate) duplicates++;
        else imported++;
        progress.tick();
      }
    }
    progress.done();
    log(`imported ${imported} labeled documents (${duplicates} were already there)`);
    return 0;
  },
};
