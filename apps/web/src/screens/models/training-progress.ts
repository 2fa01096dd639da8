import type { TrainingRun } from "../../api/types";
import { formatDuration } from "../../format";

export const RUN_STAGES = [
  { stage: "snapshot", label: "Snapshot" },
  { stage: "train", label: "Train" },
  { stage: "evaluate", label: "Evaluate" },
  { stage: "promote", label: "Promote" },
] as const;

export type StageState = "done" | "current" | "todo";

/** Where each stage of a run stands: the ones before the current stage are done. */
export function stageStates(
  run: TrainingRun,
): { stage: string; label: string; state: StageState }[] {
  const stage = run.progress.stage;
  const finished = stage === "done" && run.status === "succeeded";
  const current = RUN_STAGES.findIndex((s) => s.stage === stage);
  return RUN_STAGES.map((s, i) => ({
    ...s,
    state: finished || (current >= 0 && i < current) ? "done" : i === current ? "current" : "todo",
  }));
}

/** What the current step is doing, in words, with its own share when it has one. */
export function stepLabel(run: TrainingRun): string {
  const p = run.progress;
  if (p.stage === "train" && p.step === "featurize") return "preparing features";
  if (p.stage === "train" && p.step === "epoch" && p.epoch !== undefined && p.epochs)
    return `epoch ${p.epoch} of ${p.epochs}`;
  return "";
}

/** Who or what started the run, for "started … by …". */
export function triggerWords(trigger: TrainingRun["trigger"]): string {
  if (trigger === "admin") return "an admin";
  if (trigger === "bootstrap") return "itself: the first model, from the labeled documents";
  return "the scheduler: enough reviews since the last training";
}

/** "running for 1 min 4 s · about 20 s left" (the estimate only once the step has a pace). */
export function timing(run: TrainingRun, now = Date.now()): string {
  const since = run.startedAt ?? run.createdAt;
  const end = run.finishedAt ? Date.parse(run.finishedAt) : now;
  const elapsed = Math.max(0, end - Date.parse(since));
  const words = [
    run.finishedAt ? `took ${formatDuration(elapsed)}` : `running for ${formatDuration(elapsed)}`,
  ];
  const left = run.progress.remainingMs;
  if (!run.finishedAt && left !== undefined && left > 0) {
    words.push(`about ${formatDuration(left)} left in this step`);
  }
  return words.join(" · ");
}
