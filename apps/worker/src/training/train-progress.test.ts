import { describe, expect, it } from "vitest";
import { TrainProgressTracker } from "./train-progress";

describe("the training progress bookkeeping", () => {
  const start = "2026-01-01T00:00:00.000Z";
  const at = (seconds: number) => Date.parse(start) + seconds * 1000;

  it("gives feature preparation its own fraction and time left, with no epoch count", () => {
    let now = at(0);
    const tracker = new TrainProgressTracker(start, () => now);
    now = at(2);
    const p = tracker.update({
      model: "extractor",
      phase: "featurize",
      epoch: 0,
      epochs: 0,
      done: 2,
      total: 8,
    });
    expect(p).toMatchObject({ stage: "train", step: "featurize", fraction: 0.25 });
    expect(p.message).toBe("extractor: preparing features (2/8)");
    // A quarter took 2 s, so three quarters take 6 s more.
    expect(p.remainingMs).toBe(6000);
    expect(p.epoch).toBeUndefined();
    expect(p.epochs).toBeUndefined();
    expect(p.stageStartedAt).toBe(start);
  });

  it("records every epoch's loss per model, even the reports it is not asked to store", () => {
    let now = at(0);
    const tracker = new TrainProgressTracker(start, () => now);
    now = at(1);
    tracker.update({
      model: "classifier",
      phase: "featurize",
      epoch: 0,
      epochs: 3,
      done: 0,
      total: 4,
    });
    const losses = [0.9, 0.5, 0.2];
    let last = tracker.update({ model: "classifier", phase: "epoch", epoch: 0, epochs: 3 });
    for (const [i, loss] of losses.entries()) {
      now = at(2 + i);
      last = tracker.update({ model: "classifier", phase: "epoch", epoch: i + 1, epochs: 3, loss });
    }
    expect(last.losses).toEqual({ classifier: [0.9, 0.5, 0.2] });
    expect(last).toMatchObject({ step: "epoch", epoch: 3, epochs: 3, fraction: 1, loss: 0.2 });
    expect(last.remainingMs).toBe(0);
    expect(
      tracker.update({ model: "classifier", phase: "done", epoch: 3, epochs: 3 }),
    ).toMatchObject({ fraction: 1, message: "classifier: trained" });
    now = at(10);
    const ex = tracker.update({ model: "extractor", phase: "epoch", epoch: 1, epochs: 4, loss: 2 });
    expect(ex.losses).toEqual({ classifier: [0.9, 0.5, 0.2], extractor: [2] });
    expect(ex.fraction).toBe(0.25);
    // The extractor's epochs began at the report before (t = 4 s): 6 s for a quarter.
    expect(ex.remainingMs).toBe(18_000);
  });

  it("hands out copies, so a stored progress never changes afterwards", () => {
    const tracker = new TrainProgressTracker(start, () => at(1));
    const first = tracker.update({
      model: "extractor",
      phase: "epoch",
      epoch: 1,
      epochs: 2,
      loss: 1,
    });
    tracker.update({ model: "extractor", phase: "epoch", epoch: 2, epochs: 2, loss: 0.5 });
    expect(first.losses).toEqual({ extractor: [1] });
  });
});
