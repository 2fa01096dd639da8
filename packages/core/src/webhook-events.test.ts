import { describe, expect, it } from "vitest";
import { type RecordedEvent, webhookEventsFor } from "./webhook-events";

const base = {
  id: "evt_1",
  projectId: "prj_1",
  documentId: null,
  createdAt: "2026-12-06T10:00:00.000Z",
};
const recorded = (type: string, data: Record<string, unknown>, documentId: string | null = null) =>
  ({ ...base, documentId, type, data }) satisfies RecordedEvent;

describe("webhook events from recorded events", () => {
  it("splits a finished document into processed and needs_review, and skips imports", () => {
    expect(
      webhookEventsFor(
        recorded("document.processed", { status: "processed", reasons: [], pages: 2 }, "doc_1"),
      ),
    ).toEqual([
      {
        id: "evt_1",
        type: "document.processed",
        createdAt: base.createdAt,
        projectId: "prj_1",
        data: {
          documentId: "doc_1",
          status: "processed",
          reasons: [],
          pages: 2,
          classifierVersion: null,
          extractorVersion: null,
        },
      },
    ]);
    const review = webhookEventsFor(
      recorded("document.processed", { status: "needs_review", reasons: [{ code: "no_model" }] }),
    );
    expect(review.map((e) => e.type)).toEqual(["document.needs_review"]);
    expect(
      webhookEventsFor(recorded("document.processed", { status: "reviewed", imported: true })),
    ).toEqual([]);
  });

  it("gives one model event per kind of a finished retraining, none for a version in the shadow", () => {
    const events = webhookEventsFor(
      recorded("training.finished", {
        trainingRunId: "run_1",
        outcome: {
          classifier: { version: 3, promoted: true, reason: "gate passed" },
          extractor: { version: 3, promoted: false, reason: "f1 fell" },
        },
      }),
    );
    expect(events.map((e) => [e.id, e.type, e.data.kind])).toEqual([
      ["evt_1-classifier", "model.promoted", "classifier"],
      ["evt_1-extractor", "model.rejected", "extractor"],
    ]);
    expect(
      webhookEventsFor(
        recorded("training.finished", {
          outcome: { classifier: { version: 4, promoted: false, shadow: true } },
        }),
      ),
    ).toEqual([]);
  });

  it("maps failures, reviews, a person's promotion and the end of a shadow period", () => {
    const types = (type: string, data: Record<string, unknown>) =>
      webhookEventsFor(recorded(type, data)).map((e) => e.type);
    expect(types("document.failed", { code: "corrupt_pdf" })).toEqual(["document.failed"]);
    expect(types("document.reviewed", { reviewId: "rev_1" })).toEqual(["document.reviewed"]);
    expect(types("training.failed", { trainingRunId: "run_1", error: "x" })).toEqual([
      "training.failed",
    ]);
    expect(types("model.alias_moved", { kind: "extractor", alias: "champion", to: 2 })).toEqual([
      "model.promoted",
    ]);
    expect(types("model.alias_moved", { kind: "extractor", alias: "champion", to: null })).toEqual(
      [],
    );
    expect(types("model.shadow_period_ended", { kind: "classifier", promoted: false })).toEqual([
      "model.rejected",
    ]);
    expect(types("document.uploaded", {})).toEqual([]);
    expect(types("document.review_saved", {})).toEqual([]);
  });
});
