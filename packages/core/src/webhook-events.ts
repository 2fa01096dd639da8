import { z } from "zod";

/**
 * The events a webhook can subscribe to. Never rename one: receivers match on them.
 *
 * - `document.processed` / `document.needs_review`: the pipeline finished a document and it
 *   serves without review, or it waits for a person (`reasons` say why).
 * - `document.failed`: the document ended `failed` with a stable `code`.
 * - `document.reviewed`: a person completed its review.
 * - `model.promoted` / `model.rejected`: a retraining's gate passed (the version serves as
 *   `champion`) or failed a version, one event per model kind.
 * - `training.failed`: a retraining ended in error; the champion stays.
 */
export const WEBHOOK_EVENT_TYPES = [
  "document.processed",
  "document.needs_review",
  "document.failed",
  "document.reviewed",
  "model.promoted",
  "model.rejected",
  "training.failed",
] as const;

export const WebhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof WebhookEventTypeSchema>;

/** The JSON body of every delivery. `id` is the event's: a redelivery carries the same id. */
export const WebhookPayloadSchema = z.object({
  id: z.string(),
  type: WebhookEventTypeSchema,
  /** When the event happened (ISO-8601, UTC). */
  createdAt: z.string(),
  projectId: z.string(),
  /** Ids, statuses and codes; never document text. */
  data: z.record(z.string(), z.unknown()),
});
export type WebhookPayload = z.infer<typeof WebhookPayloadSchema>;

/** An event as the platform records it (`recordEvent`): the source of every webhook event. */
export interface RecordedEvent {
  id: string;
  projectId: string;
  documentId: string | null;
  type: string;
  data: Record<string, unknown>;
  createdAt: string;
}

/** The recorded event types that can become webhook events (the dispatcher reads only these). */
export const WEBHOOK_SOURCE_EVENT_TYPES = [
  "document.processed",
  "document.failed",
  "document.reviewed",
  "training.finished",
  "training.failed",
  "model.shadow_period_ended",
  "model.alias_moved",
] as const;

interface KindOutcome {
  version?: number;
  promoted?: boolean;
  shadow?: boolean;
  reason?: string;
}

/**
 * The webhook events one recorded event stands for (none, one, or one per model kind). Their
 * ids derive from the recorded event's, so the same event always gives the same ids and a
 * dispatcher that reads it twice delivers it once.
 */
export function webhookEventsFor(event: RecordedEvent): WebhookPayload[] {
  const make = (type: WebhookEventType, data: Record<string, unknown>, suffix = "") => ({
    id: `${event.id}${suffix}`,
    type,
    createdAt: event.createdAt,
    projectId: event.projectId,
    data,
  });
  const d = event.data;
  switch (event.type) {
    case "document.processed": {
      // Imported documents (`reviewed` with their labels) are training data, not results.
      if (d.status !== "processed" && d.status !== "needs_review") return [];
      return [
        make(d.status === "processed" ? "document.processed" : "document.needs_review", {
          documentId: event.documentId,
          status: d.status,
          reasons: d.reasons ?? [],
          pages: d.pages ?? null,
          classifierVersion: d.classifierVersion ?? null,
          extractorVersion: d.extractorVersion ?? null,
        }),
      ];
    }
    case "document.failed":
      return [make("document.failed", { documentId: event.documentId, code: d.code ?? null })];
    case "document.reviewed":
      return [
        make("document.reviewed", { documentId: event.documentId, reviewId: d.reviewId ?? null }),
      ];
    case "training.failed":
      return [
        make("training.failed", {
          trainingRunId: d.trainingRunId ?? null,
          error: d.error ?? null,
        }),
      ];
    case "training.finished": {
      const outcome = (d.outcome ?? {}) as Record<string, KindOutcome | undefined>;
      return Object.entries(outcome).flatMap(([kind, o]) => {
        // A version waiting in the shadow is neither promoted nor rejected yet.
        if (!o || o.shadow) return [];
        return [
          make(
            o.promoted ? "model.promoted" : "model.rejected",
            {
              kind,
              version: o.version ?? null,
              trainingRunId: d.trainingRunId ?? null,
              reason: o.reason ?? null,
            },
            `-${kind}`,
          ),
        ];
      });
    }
    case "model.shadow_period_ended":
      return [
        make(d.promoted ? "model.promoted" : "model.rejected", {
          kind: d.kind ?? null,
          version: d.version ?? null,
          trainingRunId: null,
          reason: d.promoted ? "shadow period passed" : "worse in the shadow",
        }),
      ];
    case "model.alias_moved":
      // A person promoted (or rolled back to) a version through the API.
      if (d.alias !== "champion" || typeof d.to !== "number") return [];
      return [
        make("model.promoted", {
          kind: d.kind ?? null,
          version: d.to,
          from: d.from ?? null,
          trainingRunId: null,
          reason: "moved by a person",
        }),
      ];
    default:
      return [];
  }
}
