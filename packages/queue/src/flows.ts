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

function node(
  name: JobName,
  jobId: string,
  data: JobPayload<JobName>,
  prefix: string,
  priority?: number,
): FlowJob {
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
      ...(priority === undefined ? {} : { priority }),
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
  /** The document's project, carried in every job's payload (fair scheduling). */
  projectId?: string | undefined;
  /** Priorities by job id (see `documentFlowJobIds`); a job without one has none. */
  priorities?: ReadonlyMap<string, number>;
}): FlowJob {
  const { documentId, run, prefix } = input;
  const project = input.projectId === undefined ? {} : { projectId: input.projectId };
  let children: FlowJob[] = input.pageIndexes.map((pageIndex) => {
    const jobId = jobIds.read(documentId, run, pageIndex);
    const data = { documentId, run, pageIndex, ...project };
    return node("page.read", jobId, data, prefix, input.priorities?.get(jobId));
  });
  let root: FlowJob | undefined;
  for (const stage of POST_READ_STAGES) {
    const jobId = stageJobId[stage](documentId, run);
    root = {
      ...node(stage, jobId, { documentId, run, ...project }, prefix, input.priorities?.get(jobId)),
    };
    if (children.length > 0) root = { ...root, children } as FlowJob;
    children = [root];
  }
  if (!root) throw new Error("POST_READ_STAGES is empty");
  return root;
}

/** The ids of a document flow's jobs by job name: its page reads, classify, extract, finalize. */
export function documentFlowJobIds(
  documentId: string,
  run: number,
  pageIndexes: readonly number[],
): [JobName, string[]][] {
  return [
    ["page.read", pageIndexes.map((pageIndex) => jobIds.read(documentId, run, pageIndex))],
    ...POST_READ_STAGES.map((stage): [JobName, string[]] => [
      stage,
      [stageJobId[stage](documentId, run)],
    ]),
  ];
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
