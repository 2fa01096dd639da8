import type { JobHandler } from "../job-registry";

/** `document.classify`: placeholder until the models land (documents get layout only). */
export const classifyDocument: JobHandler<"document.classify"> = async () => ({
  skipped: "no model",
});
