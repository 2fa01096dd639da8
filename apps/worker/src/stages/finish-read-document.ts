import { recordJob } from "@pagewise/metrics";
import type { JobPayload } from "@pagewise/queue";
import type { JobContext } from "../job-registry";
import { classifyDocument } from "./classify-document";
import { extractDocument } from "./extract-document";
import { finalizeDocument } from "./finalize-document";

/** The stages after reading, in flow order (`POST_READ_STAGES` in `@pagewise/queue`). */
const STAGES = [
  ["document.classify", classifyDocument],
  ["document.extract", extractDocument],
  ["document.finalize", finalizeDocument],
] as const;

/**
 * Classify, extract and finalize a document whose every page ingest already read (a text PDF),
 * in the ingest job itself: each stage takes what the previous one left in the worker's
 * document context, and the three queue hops of the flow, which cost more than the stages on a
 * small document, are saved. The stages are the flow's own handlers, idempotent as there: when
 * one fails, the ingest job is retried and runs them again, and its last failure fails the
 * document. Each stage is timed under its own job name (`pagewise_job_duration_seconds`), so
 * the dashboards see the same stages whichever way they ran.
 */
export async function finishReadDocument(
  payload: JobPayload<"document.ingest">,
  ctx: JobContext,
): Promise<Record<string, unknown>> {
  const outcomes: Record<string, unknown> = {};
  for (const [name, handler] of STAGES) {
    const started = performance.now();
    try {
      outcomes[name] = await handler(payload, ctx);
      recordJob(name, "completed", (performance.now() - started) / 1000);
    } catch (error) {
      recordJob(name, "failed", (performance.now() - started) / 1000);
      throw error;
    }
  }
  return outcomes;
}
