import { ocrLanguageString } from "@pagewise/core";
import { getProjectById } from "@pagewise/storage";
import type { WorkerDeps } from "./deps";

/**
 * The tesseract languages for a document's scans, read from its project at OCR time (so a
 * settings change applies to the next page read, without restarting workers). undefined: the
 * project has none set; the reader's default (PAGEWISE_OCR_LANGUAGES) applies.
 */
export async function ocrLanguagesFor(
  deps: Pick<WorkerDeps, "db">,
  projectId: string,
): Promise<string | undefined> {
  const project = await getProjectById(deps.db, projectId);
  const languages = project?.settings.ocrLanguages;
  return languages ? ocrLanguageString(languages) : undefined;
}
