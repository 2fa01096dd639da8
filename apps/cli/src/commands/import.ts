import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { findCategory, type LabelSchema } from "@pagewise/core";
import { ApiClient } from "../api-client";
import { type Command, UsageError } from "../command";
import { type DatasetEntry, listDataset } from "../datasets/list-dataset";

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
    const api = new ApiClient(env.PAGEWISE_URL, env.PAGEWISE_TOKEN);
    const project = await api.get<{ labelSchema: LabelSchema }>(`/v1/projects/${values.project}`);
    const limit = values.limit ? Number(values.limit) : Number.POSITIVE_INFINITY;
    let imported = 0;
    let duplicates = 0;
    for (const dir of values.data) {
      const { entries, skipped } = await listDataset(dir);
      if (skipped.length)
        log(`${basename(dir)}: skipping ${skipped.length} (not documents to label)`);
      for (const entry of entries.slice(0, limit)) {
        const labels = labelsFor(entry, project.labelSchema);
        if (!labels) {
          log(`${entry.id}: no category '${entry.gt.type}' in the project; skipped`);
          continue;
        }
        const form = new FormData();
        form.append("file", new File([await readFile(entry.file)], basename(entry.file)));
        form.append("labels", JSON.stringify(labels));
        if (values.layout === "dataset") {
          const layout = await readFile(entry.layoutFile, "utf8").catch(() => null);
          if (layout) form.append("layout", layout);
        }
        // Importing the same dataset again adds nothing: the key and the bytes are the same.
        const result = await api.upload<{ documents: { id: string; duplicate: boolean }[] }>(
          `/v1/projects/${values.project}/documents`,
          form,
          { "Idempotency-Key": `import:${entry.id}` },
        );
        if (result.documents[0]?.duplicate) duplicates++;
        else imported++;
        if ((imported + duplicates) % 25 === 0) log(`${imported + duplicates} documents sent`);
      }
    }
    log(`imported ${imported} labeled documents (${duplicates} were already there)`);
    return 0;
  },
};
