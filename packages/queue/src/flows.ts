import type { FlowJob } from "bullmq";
import { JOB_CATALOG, type JobName, type JobPayload, RETENTION } from "./catalog";
import { jobIds } from "./job-ids";

/** What runs after every page is read, innermost first; each stage is the parent of the one before. */
export const POST_READ_STAGES = [
  "document.classify",
  "document.extract",
  "document.finalize",
] as const satisfies readonly JobName[];

const stageJobId: Record<(typeof POST_READ_STAGES)[number], (d: string, r: number) => string> = {
  "document.classify": jobIds.classify,
  "document.extract": jobIds.extract,
  "document.finalize": jobIds.finalize,
};

function node(name: JobName, jobId: string, data: JobPayload<JobName>, prefix: string): FlowJob {
  const def = JOB_CATALOG[name];
  return {
    name,
    queueName: def.queue,
    prefix,
    data,
    opts: {
      ...def.options,
      ...RETENTION,
      jobId,
      // A child that fails for good fails its parent, so a document cannot wait forever.
      failParentOnFailure: true,
    },
  };
}

/**
 * The pipeline after ingestion as one BullMQ flow: `page.read` per page (in parallel), then
 * classify → extract → finalize. A parent runs only when all its children are done, so nothing
 * slow may be a child: page images (`page.render`) are rendered outside the flow.
 */
export function buildDocumentFlow(input: {
  documentId: string;
  run: number;
  pageIndexes: readonly number[];
  prefix: string;
}): FlowJob {
  const { documentId, run, prefix } = input;
  let children: FlowJob[] = input.pageIndexes.map((pageIndex) =>
    node(
      "page.read",
      jobIds.read(documentId, run, pageIndex),
      { documentId, run, pageIndex },
      prefix,
    ),
  );
  let root: FlowJob | undefined;
  for (const stage of POST_READ_STAGES) {
    root = { ...node(stage, stageJobId[stage](documentId, run), { documentId, run }, prefix) };
    if (children.length > 0) root = { ...root, children } as FlowJob;
    children = [root];
  }
  if (!root) throw new Error("POST_READ_STAGES is empty");
  return root;
}

/** The retraining as one flow: snapshot → train → evaluate → promote, each the child of the next. */
export const TRAINING_STAGES = [
  ["dataset.snapshot", jobIds.snapshot],
  ["model.train", jobIds.train],
  ["model.evaluate", jobIds.evaluate],
  ["model.promote", jobIds.promote],
] as const satisfies readonly (readonly [JobName, (runId: string) => string])[];

export function buildTrainingFlow(input: {
  projectId: string;
  trainingRunId: string;
  prefix: string;
}): FlowJob {
  const data = { projectId: input.projectId, trainingRunId: input.trainingRunId };
  let root: FlowJob | undefined;
  for (const [stage, id] of TRAINING_STAGES) {
    const current = node(stage, id(input.trainingRunId), data, input.prefix);
    root = root ? ({ ...current, children: [root] } as FlowJob) : current;
  }
  return root!;
}
