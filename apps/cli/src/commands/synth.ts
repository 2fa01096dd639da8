import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { generateSyntheticInvoice, isSyntheticLanguage } from "@pagewise/models";
import { type Command, UsageError } from "../command";
import { SYNTH_SPEC } from "./command-specs";
import { parseInteger } from "./dataset-options";

/** `pagewise synth`: a folder of synthetic invoices in the dataset format. */
export const synthCommand: Command = {
  ...SYNTH_SPEC,
  async run(args, { stdout, log }) {
    const { values } = parseArgs({
      args,
      options: {
        out: { type: "string" },
        count: { type: "string", default: "100" },
        seed: { type: "string", default: "1" },
        language: { type: "string" },
        json: { type: "boolean", default: false },
      },
      strict: true,
    });
    if (!values.out) throw new UsageError("--out DIR is required");
    const count = parseInteger("count", values.count);
    if (count < 1) throw new UsageError("--count must be at least 1");
    const seed = parseInteger("seed", values.seed);
    const language = values.language;
    if (language !== undefined && !isSyntheticLanguage(language))
      throw new UsageError("--language must be en, de or fr");
    await mkdir(join(values.out, "files"), { recursive: true });
    await mkdir(join(values.out, "gt"), { recursive: true });
    const started = performance.now();
    const languages: Record<string, number> = {};
    for (let i = 0; i < count; i++) {
      const stem = `synthetic-${seed + i}`;
      const doc = await generateSyntheticInvoice(seed + i, {
        language,
        file: `files/${stem}.pdf`,
      });
      await writeFile(join(values.out, "files", `${stem}.pdf`), doc.pdf);
      await writeFile(
        join(values.out, "gt", `${stem}.json`),
        `${JSON.stringify(doc.groundTruth, null, 2)}\n`,
      );
      const lang = doc.groundTruth.source.language;
      languages[lang] = (languages[lang] ?? 0) + 1;
    }
    const seconds = (performance.now() - started) / 1000;
    log(`wrote ${count} synthetic invoices to ${values.out} in ${seconds.toFixed(1)} s`);
    if (values.json) stdout(`${JSON.stringify({ out: values.out, count, seed, languages })}\n`);
    return 0;
  },
};
