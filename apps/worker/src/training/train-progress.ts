import type { TrainProgress } from "@pagewise/models";
import type { EpochLosses, TrainingProgress } from "@pagewise/registry";

/**
 * The run's progress during `model.train`, from the training thread's raw reports: which step a
 * model is in (preparing features, or fitting epochs) with that step's own fraction, an estimate
 * of the time left in the step from its pace so far, and every finished epoch's loss per model
 * (the loss chart). Pure bookkeeping: the clock is passed in.
 */
export class TrainProgressTracker {
  private readonly losses: EpochLosses = {};
  private step = "";
  private stepStartedAt: number;
  private lastAt: number;

  constructor(
    private readonly stageStartedAt: string,
    private readonly now: () => number = Date.now,
  ) {
    this.lastAt = Date.parse(stageStartedAt);
    this.stepStartedAt = this.lastAt;
  }

  /** Fold one report in and answer the progress to store. */
  update(p: TrainProgress): TrainingProgress {
    const at = this.now();
    const step = p.phase === "featurize" ? "featurize" : "epoch";
    // A step's first report comes after its first unit of work: it began at the report before.
    if (`${p.model}:${step}` !== this.step) {
      this.step = `${p.model}:${step}`;
      this.stepStartedAt = this.lastAt;
    }
    this.lastAt = at;
    if (p.phase === "epoch" && p.loss !== undefined && p.epoch > 0) {
      const curve = this.losses[p.model] ?? [];
      curve[p.epoch - 1] = p.loss;
      this.losses[p.model] = curve;
    }
    const fraction =
      p.phase === "done"
        ? 1
        : p.phase === "featurize"
          ? p.total
            ? Math.min(1, (p.done ?? 0) / p.total)
            : 0
          : p.epochs
            ? Math.min(1, p.epoch / p.epochs)
            : 0;
    const elapsed = at - this.stepStartedAt;
    const remainingMs =
      fraction >= 1 ? 0 : fraction > 0 ? Math.round((elapsed * (1 - fraction)) / fraction) : null;
    const message =
      p.phase === "featurize"
        ? `${p.model}: preparing features (${p.done ?? 0}/${p.total ?? "?"})`
        : p.phase === "done"
          ? `${p.model}: trained`
          : `${p.model}: epoch ${p.epoch}/${p.epochs}`;
    return {
      stage: "train",
      model: p.model,
      step,
      fraction,
      message,
      stageStartedAt: this.stageStartedAt,
      ...(step === "epoch" ? { epoch: p.epoch, epochs: p.epochs } : {}),
      ...(p.loss !== undefined ? { loss: p.loss } : {}),
      ...(remainingMs !== null ? { remainingMs } : {}),
      losses: structuredClone(this.losses),
    };
  }
}
