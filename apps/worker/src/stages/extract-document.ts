import type { JobHandler } from "../job-registry";

/** `document.extract`: placeholder until the models land (documents get layout only). */
export const extractDocument: JobHandler<"document.extract"> = async () => ({
  skipped: "no model",
});
