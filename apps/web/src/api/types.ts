import type { components } from "@pagewise/client";
import type { ClientPathsWithMethod, MethodResponse } from "openapi-fetch";
import type { PagewiseClient } from "./client";

/**
 * The API's shapes as the typed client answers them (derived from `GET /openapi.json`, see
 * openapi.gen.ts). Taken from the responses rather than `components`: the client's answers are
 * what the screens hold. The document marks the ModelVersion, TrainingRun and Review components
 * nullable (a `.nullable()` use elsewhere leaks into the component), so lists of them are typed
 * `(T | null)[]`: `present()` filters those.
 */
type Get<P extends ClientPathsWithMethod<PagewiseClient, "get">> = NonNullable<
  MethodResponse<PagewiseClient, "get", P>
>;

export type DocumentView = Get<"/v1/projects/{project}/documents/{id}">;
/** A row of the documents list; with a search (`q`) it carries its score and snippet. */
export type DocumentListItem = Get<"/v1/projects/{project}/documents">["items"][number];
export type SearchSnippet = NonNullable<NonNullable<DocumentListItem["search"]>["snippet"]>;
export type DocumentStatus = DocumentView["status"];
export type ExtractedField = DocumentView["fields"][number];
export type ReviewReason = DocumentView["reviewReasons"][number];
export type Review = NonNullable<DocumentView["review"]>;
export type ReviewInput = components["schemas"]["ReviewInput"];
export type Layout = Get<"/v1/projects/{project}/documents/{id}/layout">;
export type PageLayout = Layout["pages"][number];
export type LayoutToken = PageLayout["tokens"][number];
export type Project = Get<"/v1/projects/{project}">;
export type LabelSchema = Project["labelSchema"];
export type CategoryDefinition = LabelSchema["categories"][number];
export type FieldDefinition = CategoryDefinition["fields"][number];
export type ModelVersion = components["schemas"]["ModelVersion"];
/** One version as its own endpoint answers it: with the shadow comparison against the champion. */
export type ModelVersionDetail = Get<"/v1/projects/{project}/models/{kind}/versions/{version}">;
export type ModelKind = ModelVersion["kind"];
export type GateReport = NonNullable<ModelVersion["gateReport"]>;
export type ModelsOverview = Get<"/v1/projects/{project}/models">;
export type TrainingRun = Get<"/v1/projects/{project}/training-runs/{runId}">;
export type AliasMove =
  Get<"/v1/projects/{project}/models/{kind}/aliases/history">["items"][number];
export type AuditEvent = components["schemas"]["AuditEvent"];
export type Monitoring = Get<"/v1/projects/{project}/monitoring">;
export type ShadowComparison = components["schemas"]["ShadowComparison"];
export type MonitoringAlert = components["schemas"]["MonitoringAlert"];
export type UploadResult = components["schemas"]["UploadResult"];
export type ErrorCode = components["schemas"]["Error"]["error"]["code"];
/** `[x0, y0, x1, y1]`, normalized 0–1, origin top-left (the API sends it as a 4-number array). */
export type Box = [number, number, number, number];

export const DOCUMENT_STATUSES: readonly DocumentStatus[] = [
  "queued",
  "processing",
  "needs_review",
  "processed",
  "reviewed",
  "failed",
];

export const MODEL_KINDS: readonly ModelKind[] = ["extractor", "classifier"];

/** Drop the nulls that the OpenAPI document allows in lists (see above). */
export function present<T>(items: readonly (T | null)[]): T[] {
  return items.filter((item): item is T => item !== null);
}
