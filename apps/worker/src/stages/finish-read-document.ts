import { type JobPayload, POST_READ_STAGES } from "@pagewise/queue";
import { timedJob } from "../job-metrics";
import type { JobContext } from "../job-registry";
import { classifyDocument } from "./classify-document";
import { extractDocument } from "./extract-document";
import { finalizeDocument } from "./finalize-document";

/** The flow's handler of each stage after reading (a stage added to the flow must get one here). */
const HANDLERS: Record<
  (typeof POST_READ_STAGES)[number],
  (payload: JobPayload<"document.ingest">, ctx: JobContext) => Promise<unknown>
> = {
  "document.classify": classifyDocument,
  "document.extract": extractDocument,
  "document.finalize": finalizeDocument,
};

/**
 * Classify, extract and finalize a document whose every page ingest already read (a text PDF),
 * in the ingest job itself: each stage takes what the previous one left in the worker's
 * document context, and the three queue hops of the flow, which cost more than the stages on a
 * small document, are saved. The stages are the flow's own handlers, in the flow's order
 * (`POST_READ_STAGES`), idempotent as there: when one fails, the ingest job is retried and runs
 * them again, and its last failure fails the document. Each stage is timed under its own job
 * name (`pagewise_job_duration_seconds`), so the dashboards see the same stages whichever way
 * they ran.
 */
export async function finishReadDocument(
  payload: JobPayload<"document.ingest">,
  ctx: JobContext,
): Promise<Record<string, unknown>> {
  const outcomes: Record<string, unknown> = {};
  for (const name of POST_READ_STAGES)
    outcomes[name] = await timedJob(name, () => HANDLERS[name](payload, ctx));
  return outcomes;
}
