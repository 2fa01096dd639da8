import type { ReviewReason } from "../api/types";
import { formatPercent, humanize } from "../format";

/** One reason in a few words: "missing total", "date 42%", "category 51%", "no model". */
export function describeReason(reason: ReviewReason): string {
  const field = reason.field ? humanize(reason.field).toLowerCase() : null;
  switch (reason.code) {
    case "missing_required":
      return `missing ${field ?? "a required field"}`;
    case "low_confidence":
      // Documents finished before confidences were recorded with their reasons have none.
      return `${field ?? "category"} ${reason.confidence === null ? "unsure" : formatPercent(reason.confidence)}`;
    case "no_model":
      return "no model";
    case "audit_sample":
      return "audit sample";
  }
}

const TITLES: Record<ReviewReason["code"], string> = {
  missing_required: "The extractor found no value for this required field",
  low_confidence: "The model's confidence is under the project's threshold",
  no_model: "No model has read this document yet: a person labels it",
  audit_sample: "A confident document drawn for audit",
};

/**
 * Why a document waits for a person, as small chips (decided by the worker when it finished the
 * document). `limit` shows the first few and counts the rest, for dense lists.
 */
export function ReviewReasons({
  reasons,
  limit = Number.POSITIVE_INFINITY,
}: {
  reasons: readonly ReviewReason[];
  limit?: number;
}) {
  if (reasons.length === 0) return null;
  const shown = reasons.slice(0, limit);
  const hidden = reasons.slice(limit);
  return (
    <span className="reasons-list" data-testid="review-reasons">
      {shown.map((r) => (
        <span
          key={`${r.code}:${r.field ?? ""}`}
          className={`chip reason reason-${r.code}`}
          title={TITLES[r.code]}
          data-reason={r.code}
        >
          {describeReason(r)}
        </span>
      ))}
      {hidden.length > 0 && (
        <span className="chip chip-quiet reason" title={hidden.map(describeReason).join(", ")}>
          +{hidden.length}
        </span>
      )}
    </span>
  );
}
