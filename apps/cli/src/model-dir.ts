import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  type ClassifierModel,
  type ExtractorModel,
  loadClassifier,
  loadExtractor,
  saveModel,
} from "@pagewise/models";

/** A model directory holds one artifact per kind: `classifier/` and `extractor/`. */
export async function writeModelDir(
  dir: string,
  models: { classifier: ClassifierModel; extractor: ExtractorModel },
): Promise<string[]> {
  const written: string[] = [];
  for (const [kind, model] of Object.entries(models)) {
    const sub = join(dir, kind);
    await mkdir(sub, { recursive: true });
    for (const [name, bytes] of Object.entries(await saveModel(model))) {
      await writeFile(join(sub, name), bytes);
      written.push(join(sub, name));
    }
  }
  return written;
}

async function readArtifact(dir: string): Promise<Record<string, Uint8Array>> {
  const files: Record<string, Uint8Array> = {};
  for (const name of await readdir(dir))
    files[name] = new Uint8Array(await readFile(join(dir, name)));
  return files;
}

export async function readModelDir(
  dir: string,
): Promise<{ classifier: ClassifierModel; extractor: ExtractorModel }> {
  return {
    classifier: await loadClassifier(await readArtifact(join(dir, "classifier"))),
    extractor: await loadExtractor(await readArtifact(join(dir, "extractor"))),
  };
}
