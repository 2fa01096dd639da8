// Generated from the API's /openapi.json by packages/client/scripts/generate-api-types.ts. Do not edit.

export type paths = {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is alive */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Alive */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The database, Redis and the S3 bucket (if any) are reachable, the disk has room, the consume folder is usable */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Ready, or degraded (low disk: still serving, deleting frees space; or an unusable consume folder) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            consume?: {
                                active: boolean;
                                consumed: number;
                                duplicates: number;
                                failed: number;
                                lastScanAt: string | null;
                                ok: boolean;
                                pending: number;
                                problem: string | null;
                            };
                            database: boolean;
                            disk?: {
                                freeBytes: number;
                                minFreeBytes: number;
                                ok: boolean;
                            };
                            objectStore?: boolean;
                            redis: boolean;
                            /** @enum {string} */
                            status: "ready" | "degraded" | "not_ready";
                        };
                    };
                };
                /** @description Not ready */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            consume?: {
                                active: boolean;
                                consumed: number;
                                duplicates: number;
                                failed: number;
                                lastScanAt: string | null;
                                ok: boolean;
                                pending: number;
                                problem: string | null;
                            };
                            database: boolean;
                            disk?: {
                                freeBytes: number;
                                minFreeBytes: number;
                                ok: boolean;
                            };
                            objectStore?: boolean;
                            redis: boolean;
                            /** @enum {string} */
                            status: "ready" | "degraded" | "not_ready";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/queues-session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Open the queue dashboard in this browser (instance admin)
         * @description Sets an HttpOnly, SameSite=Strict cookie scoped to /admin/queues that carries the caller's token for one hour, so the browser can open the dashboard (which JavaScript cannot reach with a Bearer header). Revoking the token closes the dashboard at once.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The dashboard's address and when the cookie expires */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            expiresAt: string;
                            url: string;
                        };
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Forget the queue dashboard cookie in this browser */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Cookie cleared */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The calling token: its role and project */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The token */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            project: {
                                id: string;
                                name: string;
                            };
                            token: {
                                id: string;
                                name: string;
                                role: string;
                            };
                        };
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a project (admin of the default project); answers its first admin token */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        labelSchema?: {
                            categories: {
                                fields: {
                                    description?: string;
                                    name: string;
                                    /** @default false */
                                    required?: boolean;
                                    /** @enum {string} */
                                    type: "text" | "date" | "amount" | "currency" | "id" | "list" | "term";
                                }[];
                                name: string;
                            }[];
                            version: number;
                        };
                        /** @example accounts-payable */
                        name: string;
                        settings?: {
                            auditSampleRate?: number;
                            confidenceThreshold?: number;
                            gate?: {
                                fieldTolerance?: number;
                                macroTolerance?: number;
                            };
                            monitoring?: {
                                accuracyMinDocuments?: number;
                                driftAlertPsi?: number;
                                driftMinDocuments?: number;
                                driftWarnPsi?: number;
                                retrainBelowAccuracy?: number;
                                retrainOnDrift?: boolean;
                                shadowDocuments?: number;
                                shadowNewVersions?: number;
                            };
                            ocrLanguages?: string[] | null;
                            quotas?: {
                                concurrentRetrainings?: number | null;
                                documentsPerDay?: number | null;
                                pagesPerDay?: number | null;
                            };
                            readEInvoices?: boolean;
                            retentionDays?: number | null;
                            retrainAfterReviews?: number;
                            retrainCheckIntervalSeconds?: number;
                            validationShare?: number;
                            vendorMemory?: boolean;
                        };
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            adminToken: components["schemas"]["CreatedApiToken"];
                            project: components["schemas"]["Project"];
                        };
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The project: settings, label schema, document counts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Project id or name */
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The project */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Project"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change settings (thresholds, retraining, gate) or the label schema (admin); quotas (instance admin) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Project id or name */
                    project: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        labelSchema?: {
                            categories: {
                                fields: {
                                    description?: string;
                                    name: string;
                                    /** @default false */
                                    required?: boolean;
                                    /** @enum {string} */
                                    type: "text" | "date" | "amount" | "currency" | "id" | "list" | "term";
                                }[];
                                name: string;
                            }[];
                            version: number;
                        };
                        settings?: {
                            auditSampleRate?: number;
                            confidenceThreshold?: number;
                            gate?: {
                                fieldTolerance?: number;
                                macroTolerance?: number;
                            };
                            monitoring?: {
                                accuracyMinDocuments?: number;
                                driftAlertPsi?: number;
                                driftMinDocuments?: number;
                                driftWarnPsi?: number;
                                retrainBelowAccuracy?: number;
                                retrainOnDrift?: boolean;
                                shadowDocuments?: number;
                                shadowNewVersions?: number;
                            };
                            ocrLanguages?: string[] | null;
                            quotas?: {
                                concurrentRetrainings?: number | null;
                                documentsPerDay?: number | null;
                                pagesPerDay?: number | null;
                            };
                            readEInvoices?: boolean;
                            retentionDays?: number | null;
                            retrainAfterReviews?: number;
                            retrainCheckIntervalSeconds?: number;
                            validationShare?: number;
                            vendorMemory?: boolean;
                        };
                    };
                };
            };
            responses: {
                /** @description The project */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Project"];
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/projects/{project}/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The project's audit log, newest first (admin)
         * @description Who did what, when and from where: tokens created and revoked, settings changed, documents uploaded, downloaded and deleted, reviews saved, retrainings started, models registered, promoted and rolled back, and failed sign-ins with a revoked token of this project. Paged with `limit` and `cursor`; filtered by `action` (exact, or a prefix ending in `*`), `actor`, `targetId`, `since` and `until`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description An exact action (`token.created`) or a prefix ending in `*` (`token.*`) */
                    action?: string;
                    /** @description An actor id (`tok_…`) */
                    actor?: string;
                    /** @description `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Items per page (1–200, default 50) */
                    limit?: number;
                    /** @description ISO-8601 time, inclusive */
                    since?: string;
                    targetId?: string;
                    /** @description ISO-8601 time, exclusive */
                    until?: string;
                };
                header?: never;
                path: {
                    /** @description Project id or name */
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of events */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AuditEventList"];
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List documents, newest first, or search them
         * @description `q`: full-text search over the documents' text, field values and file names; a document must hold every word (case and punctuation inside a word do not matter: `D.I.Y` finds `DIY`). Whole words only: no prefixes, no fuzzy matching. With `q`, items carry `search.score` and `search.snippet`, and the default order is `relevance`. `sort`: `-created` (default), `created`, `filename`, `-filename`, `status`, `-status`, `relevance` (only with `q`). A cursor belongs to the query and sort it came from.
         */
        get: {
            parameters: {
                query?: {
                    category?: string;
                    cursor?: string;
                    /** @description Case-insensitive part of the filename */
                    filename?: string;
                    /** @description Created at or after: `YYYY-MM-DD` (midnight UTC) or a date-time with `Z` or an offset */
                    from?: string;
                    limit?: number;
                    q?: string;
                    sort?: "-created" | "created" | "filename" | "-filename" | "status" | "-status" | "relevance";
                    status?: "queued" | "processing" | "processed" | "needs_review" | "reviewed" | "failed";
                    /** @description Created before (exclusive): `YYYY-MM-DD` (midnight UTC) or a date-time */
                    to?: string;
                };
                header?: never;
                path: {
                    /** @description Project id or name */
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of documents */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DocumentList"];
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Upload one or more documents (PDF, PNG, JPEG, TIFF, XML e-invoice)
         * @description Multipart field `file` (repeat it for several files). Optional field `layout`: a JSON layout read elsewhere (one file only), whose pages are then not read again. Optional header `Idempotency-Key`: the same key and bytes return the same document. Every file is checked by its bytes before any is stored: one that is not a PDF, PNG, JPEG or TIFF, nor an XML e-invoice (CII or UBL, by its root element; see docs/einvoices.md), refuses the whole request with 415 `unsupported_type` (an empty one with 400 `empty_file`), and nothing is stored.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                };
                path: {
                    /** @description Project id or name */
                    project: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "multipart/form-data": {
                        /** Format: binary */
                        file: string;
                        /** @description JSON `{ category, fields: [{ name, value, tokenIds? }], split? }`: ground truth for an imported document (reviewer role). The document ends `reviewed` and becomes training data; `split` (`train` or `validation`) pins its dataset split instead of a random one. */
                        labels?: string;
                        /** @description JSON, see ImportLayout */
                        layout?: string;
                    };
                };
            };
            responses: {
                /** @description Accepted: the documents are queued */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UploadResult"];
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unsupported media type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/documents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One document with its status, category and fields */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Project id or name */
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The document */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Document"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a document with its pages, page images, results, reviews and events
         * @description The original and the page images are removed unless another document shares the same bytes. Dataset snapshots and model versions trained on the document stay (lineage).
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Project id or name */
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/documents/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The document's audit trail, oldest first */
        get: {
            parameters: {
                query?: {
                    /** @description `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Items per page (1–500, default 100) */
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                    /** @description Project id or name */
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of events, oldest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                actor: string | null;
                                actorName: string | null;
                                createdAt: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                type: string;
                            }[];
                            /** @description Pass as `cursor` for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/documents/{id}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The original file as uploaded */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Project id or name */
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The file */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/octet-stream": string;
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/documents/{id}/layout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every word of every page with its box, confidence and line */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Project id or name */
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The layout */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Layout"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/documents/{id}/pages/{n}/image": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The page as a PNG image
         * @description Scanned pages keep the image they were read from; text-layer pages are rendered in the background after reading. A page asked for before its image exists is rendered now (`503 unavailable` when the worker does not answer in time: retry).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    n: number | null;
                    /** @description Project id or name */
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description PNG */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "image/png": string;
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A dependency is unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/documents/{id}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Save a review: the document's true category and fields (reviewer) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Project id or name */
                    project: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ReviewInput"];
                };
            };
            responses: {
                /** @description Saved */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Document"];
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Understood but not acceptable as it stands (e.g. an incomplete review) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/exports/documents.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export documents and their values as CSV (RFC 4180)
         * @description One row per document, oldest first, with the list's filters. Columns: `id`, `filename`, `status`, `category`, `createdAt`, `source`, then one per field of the category's label schema (the normalized value); without a `category` filter, the union of all categories' fields. Values come from the latest complete review (`source` = `review`, or `import` for imported labels), else from the models' prediction (`prediction`; `none` when there is neither). The body is streamed in batches; the `Pagewise-Total-Count` header holds the number of documents counted when the export started. Cells that begin with `=`, `+`, `-`, `@`, a tab or a carriage return get a leading `'` (spreadsheet formula injection). Lines end with CRLF.
         */
        get: {
            parameters: {
                query?: {
                    /** @description CSV only: start with a UTF-8 byte order mark (Excel) */
                    bom?: "true" | "false";
                    category?: string;
                    /** @description Case-insensitive part of the filename */
                    filename?: string;
                    /** @description Created at or after: `YYYY-MM-DD` (midnight UTC) or a date-time with `Z` or an offset */
                    from?: string;
                    /** @description Add a `<field>_confidence` column (JSONL: a `confidence` object) */
                    includeConfidence?: "true" | "false";
                    status?: "queued" | "processing" | "processed" | "needs_review" | "reviewed" | "failed";
                    /** @description Created before (exclusive): `YYYY-MM-DD` (midnight UTC) or a date-time */
                    to?: string;
                };
                header?: never;
                path: {
                    /** @description Project id or name */
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The export, streamed */
                200: {
                    headers: {
                        /** @description Documents in the export */
                        "Pagewise-Total-Count": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/exports/documents.jsonl": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export documents and their values as JSON Lines
         * @description One row per document, oldest first, with the list's filters. Columns: `id`, `filename`, `status`, `category`, `createdAt`, `source`, then one per field of the category's label schema (the normalized value); without a `category` filter, the union of all categories' fields. Values come from the latest complete review (`source` = `review`, or `import` for imported labels), else from the models' prediction (`prediction`; `none` when there is neither). The body is streamed in batches; the `Pagewise-Total-Count` header holds the number of documents counted when the export started. Each line is `{ id, filename, status, category, createdAt, source, fields: { name: value|null }, confidence? }`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description CSV only: start with a UTF-8 byte order mark (Excel) */
                    bom?: "true" | "false";
                    category?: string;
                    /** @description Case-insensitive part of the filename */
                    filename?: string;
                    /** @description Created at or after: `YYYY-MM-DD` (midnight UTC) or a date-time with `Z` or an offset */
                    from?: string;
                    /** @description Add a `<field>_confidence` column (JSONL: a `confidence` object) */
                    includeConfidence?: "true" | "false";
                    status?: "queued" | "processing" | "processed" | "needs_review" | "reviewed" | "failed";
                    /** @description Created before (exclusive): `YYYY-MM-DD` (midnight UTC) or a date-time */
                    to?: string;
                };
                header?: never;
                path: {
                    /** @description Project id or name */
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The export, streamed */
                200: {
                    headers: {
                        /** @description Documents in the export */
                        "Pagewise-Total-Count": string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ndjson": string;
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The people with a role in this project, oldest first (admin) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number | null;
                };
                header?: never;
                path: {
                    /** @description Project id or name */
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of members */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["ProjectMember"][];
                            total: number;
                        };
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Give a person a role in this project, by user id or email (admin)
         * @description The person must have signed in once (that creates their user). Adding someone who is already a member changes their role.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Project id or name */
                    project: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email?: string;
                        /** @enum {string} */
                        role: "admin" | "reviewer" | "uploader" | "viewer";
                        userId?: string;
                    };
                };
            };
            responses: {
                /** @description The membership */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProjectMember"];
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Take a person out of this project (admin) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Project id or name */
                    project: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Removed */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a member's role (admin) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Project id or name */
                    project: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        role: "admin" | "reviewer" | "uploader" | "viewer";
                    };
                };
            };
            responses: {
                /** @description The membership */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProjectMember"];
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/projects/{project}/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each model's champion and challenger, and the state of retraining */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Project id or name */
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Models */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ModelsOverview"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/models/{kind}/aliases/champion": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Point `champion` at a version: promote or roll back (admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    kind: "classifier" | "extractor";
                    /** @description Project id or name */
                    project: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                        version: number;
                    };
                };
            };
            responses: {
                /** @description The move, as recorded */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AliasMove"];
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/models/{kind}/aliases/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A model's alias moves (who, what, when, why), oldest first (or `order=desc`) */
        get: {
            parameters: {
                query?: {
                    /** @description `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Items per page (1–500, default 100) */
                    limit?: number;
                    /** @description `asc`: oldest first (default); `desc`: the latest moves first */
                    order?: "asc" | "desc";
                };
                header?: never;
                path: {
                    kind: "classifier" | "extractor";
                    /** @description Project id or name */
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of the history */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["AliasMove"][];
                            /** @description Pass as `cursor` for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/models/{kind}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A model's versions, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Items per page (1–500, default 100) */
                    limit?: number;
                };
                header?: never;
                path: {
                    kind: "classifier" | "extractor";
                    /** @description Project id or name */
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of versions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["ModelVersion"][];
                            /** @description Pass as `cursor` for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Register a model trained elsewhere (`pagewise train --out`) as a new version (admin)
         * @description Multipart: one `file` per artifact file (`model.json`, `weights.bin`, `metadata.json`). The files are checked before anything is stored (metadata, a topology of known layers, weight shapes that match the manifest and the featurizer, `weightsSha256` in metadata.json): a bad artifact is refused with 422 `invalid_model_artifact`. A valid one is registered `pending` and scored by the worker on the project's validation set (`model.evaluate-upload`): it becomes `ready` with those metrics (or `failed` when it does not load). Only then can `champion` point at it.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    kind: "classifier" | "extractor";
                    /** @description Project id or name */
                    project: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "multipart/form-data": {
                        /** Format: binary */
                        file: string;
                    };
                };
            };
            responses: {
                /** @description Registered `pending`, queued for evaluation */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ModelVersion"];
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Understood but not acceptable as it stands (e.g. an incomplete review) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/models/{kind}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One version with its lineage, metrics, gate report and shadow comparison */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    kind: "classifier" | "extractor";
                    /** @description Project id or name */
                    project: string;
                    version: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The version */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ModelVersionDetail"];
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/models/train": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a retraining now (admin); answers the running one if a retraining is under way; 429 `quota_exceeded` when the project's `concurrentRetrainings` quota refuses a new one */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Project id or name */
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The retraining run */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: boolean;
                            run: components["schemas"]["TrainingRun"];
                        };
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/monitoring": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Live accuracy, drift against the champions' reference, shadow comparison and alerts */
        get: {
            parameters: {
                query?: {
                    /** @description Minutes, hours or days back from now: 30m, 24h, 7d (default 7d, at most 365d) */
                    window?: string;
                };
                header?: never;
                path: {
                    /** @description Project id or name */
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The project's model monitoring over the window */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Monitoring"];
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/review-queue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Documents to review, lowest confidence first, with sampled confident ones for audit */
        get: {
            parameters: {
                query?: {
                    /** @description `nextCursor` of the previous page: the same cost at any depth */
                    cursor?: string;
                    limit?: number;
                    /** @description Deprecated (use `cursor`): skip this many; it reads every skipped entry, and ignored with `cursor` */
                    offset?: number | null;
                };
                header?: never;
                path: {
                    /** @description Project id or name */
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The queue */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Document"][];
                            /** @description Pass as `cursor` for the next page; null on the last */
                            nextCursor: string | null;
                            oldestAt: string | null;
                            total: number;
                        };
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/stats/throughput": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Documents finished and reviews completed per UTC day */
        get: {
            parameters: {
                query?: {
                    days?: number;
                };
                header?: never;
                path: {
                    /** @description Project id or name */
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Oldest day first; days without activity are zeros */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Throughput"];
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The project's live tokens (name, role, last use, expiry), oldest first, without secrets (admin) */
        get: {
            parameters: {
                query?: {
                    /** @description `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Items per page (1–500, default 100) */
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description Project id or name */
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of tokens */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["ApiToken"][];
                            /** @description Pass as `cursor` for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create an API token with a role in this project (admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Project id or name */
                    project: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description When the token stops working (ISO 8601); omitted: never
                         */
                        expiresAt?: string;
                        name: string;
                        /** @enum {string} */
                        role: "admin" | "reviewer" | "uploader" | "viewer";
                    };
                };
            };
            responses: {
                /** @description Created; the secret is shown once */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreatedApiToken"];
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/tokens/{tokenId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a token (admin) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Project id or name */
                    project: string;
                    tokenId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/training-runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retraining runs, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Items per page (1–200, default 50) */
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description Project id or name */
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of runs */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["TrainingRun"][];
                            /** @description Pass as `cursor` for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/training-runs/{runId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One retraining run with its progress */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Project id or name */
                    project: string;
                    runId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The run */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TrainingRun"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The project's webhooks, oldest first, without secrets (admin) */
        get: {
            parameters: {
                query?: {
                    /** @description `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Items per page (1–200, default 50) */
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description Project id or name */
                    project: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of webhooks */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Webhook"][];
                            /** @description Pass as `cursor` for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Subscribe a URL to events of this project (admin); the secret is shown once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Project id or name */
                    project: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @example [
                         *       "document.processed",
                         *       "document.needs_review"
                         *     ]
                         */
                        events: ("document.processed" | "document.needs_review" | "document.failed" | "document.reviewed" | "model.promoted" | "model.rejected" | "training.failed")[];
                        /** @description Your own signing secret; default: a generated one */
                        secret?: string;
                        /** @example https://hooks.example.com/pagewise */
                        url: string;
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreatedWebhook"];
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Understood but not acceptable as it stands (e.g. an incomplete review) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/webhooks/{webhookId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One webhook (admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Project id or name */
                    project: string;
                    webhookId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The webhook */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Webhook"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a webhook and its delivery log (admin) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Project id or name */
                    project: string;
                    webhookId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a webhook's URL or events, or enable it again after it was disabled (admin); only what is named changes */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Project id or name */
                    project: string;
                    webhookId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description true also clears the count of failed attempts */
                        enabled?: boolean;
                        /**
                         * @example [
                         *       "document.processed",
                         *       "document.needs_review"
                         *     ]
                         */
                        events?: ("document.processed" | "document.needs_review" | "document.failed" | "document.reviewed" | "model.promoted" | "model.rejected" | "training.failed")[];
                        /** @example https://hooks.example.com/pagewise */
                        url?: string;
                    };
                };
            };
            responses: {
                /** @description The webhook */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Webhook"];
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Understood but not acceptable as it stands (e.g. an incomplete review) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/projects/{project}/webhooks/{webhookId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The webhook's deliveries, newest first, with their last attempt (admin) */
        get: {
            parameters: {
                query?: {
                    /** @description `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Items per page (1–200, default 50) */
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description Project id or name */
                    project: string;
                    webhookId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of deliveries */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["WebhookDelivery"][];
                            /** @description Pass as `cursor` for the next page; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project}/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a delivery's event again as a new delivery (same event id, fresh signature) (admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    deliveryId: string;
                    /** @description Project id or name */
                    project: string;
                    webhookId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The new delivery, queued */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookDelivery"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflict with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is calling: the user or token, the projects they may open, the CSRF token */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The caller */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Session"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Sign a browser in with an API token: answers an HttpOnly session cookie
         * @description The token is checked once and never kept by the browser: the session cookie (HttpOnly, SameSite=Lax) stands for it until it expires, is signed out, or the token is revoked.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Signed in */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Session"];
                    };
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Sign this browser out (ends the session; same as POST /auth/logout) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Signed out */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or unknown token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found (or in another project) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type webhooks = Record<string, never>;
export type components = {
    schemas: {
        AliasMove: {
            actor: string;
            /** @description Who that is: a person's name and email, or a token's name */
            actorName: string | null;
            alias: string;
            createdAt: string;
            fromVersion: number | null;
            id: string;
            reason: string;
            toVersion: number | null;
        };
        ApiToken: {
            createdAt: string;
            /** @description Refused after this; null: never */
            expiresAt: string | null;
            id: string;
            lastUsedAt: string | null;
            name: string;
            /** @enum {string} */
            role: "admin" | "reviewer" | "uploader" | "viewer";
        };
        AuditEvent: {
            /** @example token.created */
            action: string;
            actor: {
                id: string | null;
                /** @enum {string} */
                kind: "token" | "user" | "system" | "anonymous";
                name: string | null;
            };
            at: string;
            details: {
                [key: string]: unknown;
            };
            id: string;
            remoteAddress: string | null;
            target: {
                id: string;
                type: string;
            } | null;
            userAgent: string | null;
        };
        AuditEventList: {
            items: components["schemas"]["AuditEvent"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        CreatedApiToken: components["schemas"]["ApiToken"] & {
            /** @description The secret. Shown once; store it now. */
            token: string;
        };
        CreatedWebhook: components["schemas"]["Webhook"] & {
            /** @description The signing secret; shown only here */
            secret: string;
        };
        Document: {
            category: {
                confidence: number;
                modelVersion: number | null;
                name: string;
            } | null;
            createdAt: string;
            einvoice: components["schemas"]["EInvoice"] | null;
            error: {
                /** @enum {string} */
                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "payload_too_large" | "internal" | "unavailable" | "insufficient_storage" | "rate_limited" | "quota_exceeded" | "token_expired" | "csrf_failed" | "incomplete_review" | "split_already_assigned" | "empty_file" | "unsupported_type" | "file_too_large" | "too_many_pages" | "image_too_large" | "corrupt_pdf" | "encrypted_pdf" | "corrupt_image" | "page_unreadable" | "ocr_failed" | "read_timeout" | "document_too_complex" | "unsupported_ocr_language" | "invalid_einvoice" | "no_model" | "model_load_failed" | "invalid_model_artifact" | "training_failed" | "not_enough_data" | "retraining_in_progress" | "webhook_url_not_allowed";
                message: string;
            } | null;
            fields: {
                box: [
                    number,
                    number,
                    number,
                    number
                ] | null;
                confidence: number;
                modelVersion: number | null;
                name: string;
                normalized: string | null;
                page: number | null;
                /**
                 * @description `model`: the extractor; `einvoice`: read from the document's XML invoice; `memory`: found where reviews of the same vendor had it
                 * @enum {string}
                 */
                source: "model" | "einvoice" | "memory";
                tokenIds: string[];
                value: string;
            }[];
            filename: string;
            id: string;
            lineItems: components["schemas"]["LineItemRow"][] | null;
            mime: string | null;
            minConfidence: number | null;
            pageCount: number | null;
            processedAt: string | null;
            review: components["schemas"]["Review"] | null;
            reviewReasons: components["schemas"]["ReviewReason"][];
            sha256: string;
            sizeBytes: number;
            /** @enum {string} */
            status: "queued" | "processing" | "processed" | "needs_review" | "reviewed" | "failed";
            updatedAt: string;
        };
        DocumentList: {
            items: components["schemas"]["DocumentListItem"][];
            nextCursor: string | null;
        };
        DocumentListItem: components["schemas"]["Document"] & {
            /** @description Only with `q`: how the document matched */
            search?: {
                /** @description Relevance: higher is better; compare within one search */
                score: number;
                snippet: components["schemas"]["SearchSnippet"] | null;
            };
        };
        DriftReport: {
            documents: number;
            reference: {
                classifierVersion: number | null;
                createdAt: string;
                documents: number;
                extractorVersion: number | null;
            } | null;
            signals: {
                adjustedPValue: number;
                bins?: {
                    labels: string[];
                    live: number[];
                    reference: number[];
                };
                name: string;
                observations: number;
                psi: number;
                pValue: number;
                referenceObservations: number;
                /** @enum {string} */
                status: "ok" | "warn" | "alert";
            }[];
            thresholds: {
                alertPsi: number;
                minDocuments: number;
                warnPsi: number;
            };
        };
        /** @description What the document's e-invoice XML says beyond the fields (ZUGFeRD / Factur-X / XRechnung / UBL): its syntax and its lines, amounts as decimal strings as written. */
        EInvoice: {
            /** @description The embedded XML's file name in the PDF (`factur-x.xml`…); null for an XML upload */
            attachment: string | null;
            /** @enum {string} */
            documentType: "invoice" | "credit_note";
            lineItems: components["schemas"]["EInvoiceLineItem"][];
            /** @enum {string} */
            syntax: "cii" | "zugferd1" | "ubl";
        };
        EInvoiceLineItem: {
            amount: string | null;
            description: string | null;
            quantity: string | null;
            taxRate: string | null;
            unit: string | null;
            unitPrice: string | null;
        };
        Error: {
            error: {
                /**
                 * @example not_found
                 * @enum {string}
                 */
                code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "payload_too_large" | "internal" | "unavailable" | "insufficient_storage" | "rate_limited" | "quota_exceeded" | "token_expired" | "csrf_failed" | "incomplete_review" | "split_already_assigned" | "empty_file" | "unsupported_type" | "file_too_large" | "too_many_pages" | "image_too_large" | "corrupt_pdf" | "encrypted_pdf" | "corrupt_image" | "page_unreadable" | "ocr_failed" | "read_timeout" | "document_too_complex" | "unsupported_ocr_language" | "invalid_einvoice" | "no_model" | "model_load_failed" | "invalid_model_artifact" | "training_failed" | "not_enough_data" | "retraining_in_progress" | "webhook_url_not_allowed";
                details?: {
                    [key: string]: unknown;
                };
                /** @example No document 'doc_…'. */
                message: string;
            };
        };
        Layout: {
            /**
             * @description Boxes are [x0, y0, x1, y1] as fractions of the page's width and height, origin top-left. Multiply by width/height (the page image's pixel size) for pixels.
             * @enum {string}
             */
            coordinates: "normalized";
            pages: {
                error: {
                    /** @enum {string} */
                    code: "bad_request" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "payload_too_large" | "internal" | "unavailable" | "insufficient_storage" | "rate_limited" | "quota_exceeded" | "token_expired" | "csrf_failed" | "incomplete_review" | "split_already_assigned" | "empty_file" | "unsupported_type" | "file_too_large" | "too_many_pages" | "image_too_large" | "corrupt_pdf" | "encrypted_pdf" | "corrupt_image" | "page_unreadable" | "ocr_failed" | "read_timeout" | "document_too_complex" | "unsupported_ocr_language" | "invalid_einvoice" | "no_model" | "model_load_failed" | "invalid_model_artifact" | "training_failed" | "not_enough_data" | "retraining_in_progress" | "webhook_url_not_allowed";
                    message: string;
                } | null;
                height: number;
                index: number;
                /** @enum {string} */
                source: "text" | "ocr" | "import";
                tokens: {
                    box: [
                        number,
                        number,
                        number,
                        number
                    ];
                    confidence: number;
                    id: string;
                    line: number;
                    text: string;
                }[];
                width: number;
            }[];
        };
        LineItemCell: {
            box: [
                number,
                number,
                number,
                number
            ];
            confidence: number;
            /** @description Decimal string for numbers (`9.90`), UN/ECE code for units (`H87`), else text */
            normalized: string | null;
            tokenIds: string[];
            /** @description The words of the cell as printed */
            value: string;
        };
        /** @description One line of an invoice's item table, read from its pages by the line-item reader (header words, column positions and quantity × unit price = amount; no trained model). */
        LineItemRow: {
            box: [
                number,
                number,
                number,
                number
            ];
            /** @description Columns the row has a value for; absent = not on the page */
            cells: {
                amount?: components["schemas"]["LineItemCell"];
                description?: components["schemas"]["LineItemCell"];
                quantity?: components["schemas"]["LineItemCell"];
                taxRate?: components["schemas"]["LineItemCell"];
                unit?: components["schemas"]["LineItemCell"];
                unitPrice?: components["schemas"]["LineItemCell"];
            };
            /** @description The row's least confident cell */
            confidence: number;
            page: number;
        };
        LiveAccuracy: {
            category: {
                accuracy: number;
                classifierVersion: number | null;
                correct: number;
                documents: number;
                /** @enum {string} */
                sample: "audit" | "flagged";
            }[];
            daily: {
                categoryAccuracy: number | null;
                day: string;
                documents: number;
                keptShare: number | null;
                missedShare: number | null;
                /** @enum {string} */
                sample: "audit" | "flagged";
            }[];
            documents: number;
            fields: {
                added: number;
                corrected: number;
                extractorVersion: number | null;
                field: string;
                kept: number;
                keptShare: number | null;
                labeled: number;
                missedShare: number | null;
                predicted: number;
                /** @enum {string} */
                sample: "audit" | "flagged";
            }[];
            samples: {
                added: number;
                categoryAccuracy: number | null;
                corrected: number;
                documents: number;
                kept: number;
                keptShare: number | null;
                labeled: number;
                missedShare: number | null;
                predicted: number;
                /** @enum {string} */
                sample: "audit" | "flagged";
            }[];
            window: {
                from: string;
                to: string;
            };
        };
        ModelsOverview: {
            models: {
                challenger: components["schemas"]["ModelVersion"] | null;
                champion: components["schemas"]["ModelVersion"] | null;
                /** @enum {string} */
                kind: "classifier" | "extractor";
                versions: number;
            }[];
            training: {
                active: components["schemas"]["TrainingRun"] | null;
                feedbackSinceLastTraining: number;
                /** @description Reviewed (or imported) documents with labels: the training data */
                labeledDocuments?: number;
                /** @description A training needs at least this many labeled documents */
                minLabeledDocuments?: number;
                retrainAfterReviews: number;
            };
        };
        ModelVersion: {
            aliases: string[];
            artifacts: string[];
            createdAt: string;
            error: string | null;
            gateReport: {
                challengerVersion: number;
                championVersion: number | null;
                classes?: {
                    challenger: {
                        ece?: number;
                        eceUncalibrated?: number;
                        f1: number;
                        precision: number;
                        recall: number;
                        support: number;
                    };
                    champion: {
                        ece?: number;
                        eceUncalibrated?: number;
                        f1: number;
                        precision: number;
                        recall: number;
                        support: number;
                    } | null;
                    name: string;
                    support: number;
                }[];
                confusion?: {
                    challenger: number[][];
                    champion: number[][] | null;
                    labels: string[];
                };
                fields: {
                    challenger: number;
                    challengerEce?: number;
                    champion: number | null;
                    championEce?: number;
                    delta: number | null;
                    name: string;
                    ok: boolean;
                    support: number;
                }[];
                /** @enum {string} */
                kind: "classifier" | "extractor";
                overall: {
                    challenger: number;
                    champion: number | null;
                    /** @enum {string} */
                    metric: "macroF1" | "accuracy";
                    ok: boolean;
                };
                passed: boolean;
                reasons: string[];
                tolerances: {
                    field: number;
                    overall: number;
                };
                validationDocuments: number;
            } | null;
            /** @enum {string} */
            kind: "classifier" | "extractor";
            lineage: {
                backend: string;
                codeVersion: string;
                datasetHash: string | null;
                datasetSnapshotId: string | null;
                hyperparameters: {
                    [key: string]: unknown;
                };
                labelSchemaVersion: number | null;
                /**
                 * @default training
                 * @enum {string}
                 */
                origin: "training" | "upload";
                seed: number;
                trainDocuments: number;
                trainingDurationMs: number;
                trainingRunId: string | null;
                validationDocuments: number;
                weightsHash: string;
            };
            metrics: {
                accuracy?: number;
                classes?: {
                    [key: string]: {
                        ece?: number;
                        eceUncalibrated?: number;
                        f1: number;
                        precision: number;
                        recall: number;
                        support: number;
                    };
                };
                confusion?: {
                    labels: string[];
                    matrix: number[][];
                };
                documents: number;
                fields?: {
                    [key: string]: {
                        ece?: number;
                        eceUncalibrated?: number;
                        f1: number;
                        precision: number;
                        recall: number;
                        support: number;
                    };
                };
                macroF1?: number;
                microF1?: number;
                msPerPage?: number;
            } | null;
            /** @enum {string} */
            status: "pending" | "ready" | "failed" | "rejected";
            trainingRunId: string | null;
            updatedAt: string;
            version: number;
        };
        ModelVersionDetail: components["schemas"]["ModelVersion"] & {
            shadow: components["schemas"]["ShadowComparison"] | null;
        };
        Monitoring: {
            alerts: components["schemas"]["MonitoringAlert"][];
            drift: components["schemas"]["DriftReport"];
            liveAccuracy: components["schemas"]["LiveAccuracy"];
            shadow: components["schemas"]["ShadowComparison"][];
            window: string;
        };
        MonitoringAlert: {
            /** @enum {string} */
            code: "drift" | "live_accuracy_low" | "shadow_worse" | "no_drift_reference";
            message: string;
            /** @enum {string} */
            severity: "info" | "warn" | "alert";
            since: string;
            subject: string;
        };
        Project: {
            createdAt: string;
            documents: {
                failed?: number;
                needs_review?: number;
                processed?: number;
                processing?: number;
                queued?: number;
                reviewed?: number;
            };
            id: string;
            labelSchema: {
                categories: {
                    fields: {
                        description?: string;
                        name: string;
                        /** @default false */
                        required: boolean;
                        /** @enum {string} */
                        type: "text" | "date" | "amount" | "currency" | "id" | "list" | "term";
                    }[];
                    name: string;
                }[];
                version: number;
            };
            name: string;
            settings: {
                /** @default 0.05 */
                auditSampleRate: number;
                /** @default 0.8 */
                confidenceThreshold: number;
                /**
                 * @default {
                 *       "fieldTolerance": 0.02,
                 *       "macroTolerance": 0
                 *     }
                 */
                gate: {
                    /** @default 0.02 */
                    fieldTolerance: number;
                    /** @default 0 */
                    macroTolerance: number;
                };
                /**
                 * @default {
                 *       "driftWarnPsi": 0.1,
                 *       "driftAlertPsi": 0.25,
                 *       "driftMinDocuments": 3,
                 *       "retrainOnDrift": false,
                 *       "retrainBelowAccuracy": 0,
                 *       "accuracyMinDocuments": 10,
                 *       "shadowDocuments": 0,
                 *       "shadowNewVersions": 0
                 *     }
                 */
                monitoring: {
                    /** @default 10 */
                    accuracyMinDocuments: number;
                    /** @default 0.25 */
                    driftAlertPsi: number;
                    /** @default 3 */
                    driftMinDocuments: number;
                    /** @default 0.1 */
                    driftWarnPsi: number;
                    /** @default 0 */
                    retrainBelowAccuracy: number;
                    /** @default false */
                    retrainOnDrift: boolean;
                    /** @default 0 */
                    shadowDocuments: number;
                    /** @default 0 */
                    shadowNewVersions: number;
                };
                /** @default null */
                ocrLanguages: string[] | null;
                /**
                 * @default {
                 *       "documentsPerDay": null,
                 *       "pagesPerDay": null,
                 *       "concurrentRetrainings": null
                 *     }
                 */
                quotas: {
                    /** @default null */
                    concurrentRetrainings: number | null;
                    /** @default null */
                    documentsPerDay: number | null;
                    /** @default null */
                    pagesPerDay: number | null;
                };
                /** @default true */
                readEInvoices: boolean;
                /** @default null */
                retentionDays: number | null;
                /** @default 50 */
                retrainAfterReviews: number;
                /** @default 300 */
                retrainCheckIntervalSeconds: number;
                /** @default 0.2 */
                validationShare: number;
                /** @default true */
                vendorMemory: boolean;
            };
            updatedAt: string;
        };
        ProjectMember: {
            createdAt: string;
            /** @enum {string} */
            role: "admin" | "reviewer" | "uploader" | "viewer";
            updatedAt: string;
            user: {
                email: string | null;
                id: string;
                lastSignInAt: string | null;
                name: string | null;
            };
        };
        Review: {
            absent: string[];
            actor: string;
            /** @description Who that is: a person's name and email, or a token's name */
            actorName: string | null;
            category: string | null;
            complete: boolean;
            createdAt: string;
            fields: {
                box: [
                    number,
                    number,
                    number,
                    number
                ] | null;
                name: string;
                normalized: string | null;
                page: number | null;
                tokenIds: string[];
                value: string;
                /** @enum {string|null} */
                verdict: "accepted" | "corrected" | "added" | null;
            }[];
            id: string;
            /** @enum {string} */
            source: "review" | "import";
        };
        ReviewInput: {
            /** @description Fields marked "not in this document": known to have no value (a name cannot also be in `fields`) */
            absent?: string[];
            /** @description Change the category; default: the predicted one */
            category?: string;
            /** @description A complete review makes the document `reviewed`; it must give a value or an `absent` mark for every required field of the category (else 422 `incomplete_review`) */
            complete: boolean;
            fields: {
                name: string;
                /** @description The tokens that hold the value; without them the value is aligned to the page */
                tokenIds?: string[];
                value: string;
            }[];
            /**
             * @description Pin the document to a dataset split instead of the random one it would get at the next training run. Only while it has no split yet: a split never changes (else 409 `split_already_assigned`)
             * @enum {string}
             */
            split?: "train" | "validation";
        };
        /** @description Why the document waits for a person. `missing_required`: no value for the required `field`. `low_confidence`: the `field` (null: the category) scored `confidence`, under the project's threshold. `no_model`: no model read it yet. `audit_sample`: a confident document drawn for audit. */
        ReviewReason: {
            /** @enum {string} */
            code: "missing_required" | "low_confidence" | "no_model" | "audit_sample";
            confidence: number | null;
            field: string | null;
        };
        SearchSnippet: {
            /** @description Matched words: [start, end) offsets in `text`, in order */
            highlights: {
                end: number;
                start: number;
            }[];
            /** @description Plain text around the match (not HTML) */
            text: string;
        };
        Session: {
            /** @description Send it as X-CSRF-Token on unsafe requests of this browser session */
            csrfToken: string | null;
            expiresAt: string | null;
            instanceAdmin: boolean;
            /** @enum {string} */
            kind: "token" | "user";
            projects: {
                id: string;
                name: string;
                /** @enum {string} */
                role: "admin" | "reviewer" | "uploader" | "viewer";
            }[];
            token: {
                expiresAt: string | null;
                id: string;
                name: string;
                /** @enum {string} */
                role: "admin" | "reviewer" | "uploader" | "viewer";
            } | null;
            user: {
                email: string | null;
                id: string;
                name: string | null;
            } | null;
        };
        ShadowComparison: {
            challenger: {
                categoryAccuracy: number | null;
                version: number | null;
            };
            challengerVersion: number;
            champion: {
                categoryAccuracy: number | null;
                version: number | null;
            };
            documents: number;
            fields: {
                challenger: {
                    added: number;
                    corrected: number;
                    kept: number;
                    keptShare: number | null;
                    labeled: number;
                    missedShare: number | null;
                    predicted: number;
                };
                champion: {
                    added: number;
                    corrected: number;
                    kept: number;
                    keptShare: number | null;
                    labeled: number;
                    missedShare: number | null;
                    predicted: number;
                };
                field: string;
                worse: boolean;
            }[];
            /** @enum {string} */
            kind: "classifier" | "extractor";
            passed: boolean;
            required: number;
            shadowed: number;
            worse: string[];
        };
        Throughput: {
            days: {
                day: string;
                failed: number;
                processed: number;
                reviewed: number;
            }[];
        };
        TrainingProgress: {
            epoch?: number;
            epochs?: number;
            /** @description Share of the current step done (features prepared, or epochs finished) */
            fraction?: number;
            loss?: number;
            /** @description Every finished epoch's training loss, per model */
            losses?: {
                classifier?: number[];
                extractor?: number[];
            };
            message: string;
            model?: string;
            /** @description Estimated milliseconds left in the current step, from its pace so far */
            remainingMs?: number;
            /** @enum {string} */
            stage: "queued" | "snapshot" | "train" | "evaluate" | "promote" | "done";
            /** @description When the stage began */
            stageStartedAt?: string;
            /**
             * @description In the train stage: preparing features, or fitting epochs
             * @enum {string}
             */
            step?: "featurize" | "epoch";
        };
        TrainingRun: {
            actor: string;
            createdAt: string;
            error: string | null;
            finishedAt: string | null;
            id: string;
            outcome: {
                classifier?: {
                    promoted: boolean;
                    /** @description Why the version was not promoted (the gate's reasons), or how it was */
                    reason?: string;
                    shadow?: boolean;
                    version: number;
                };
                extractor?: {
                    promoted: boolean;
                    /** @description Why the version was not promoted (the gate's reasons), or how it was */
                    reason?: string;
                    shadow?: boolean;
                    version: number;
                };
            } | null;
            progress: components["schemas"]["TrainingProgress"];
            snapshotId: string | null;
            startedAt: string | null;
            /** @enum {string} */
            status: "queued" | "running" | "succeeded" | "failed";
            /**
             * @description schedule: enough reviews since the last training; admin: started by hand; bootstrap: labeled documents and no champion yet; drift: a drift signal at alert; accuracy: live accuracy below the project's threshold
             * @enum {string}
             */
            trigger: "schedule" | "admin" | "bootstrap" | "drift" | "accuracy";
        };
        UploadResult: {
            documents: {
                duplicate: boolean;
                filename: string;
                id: string;
                /** @enum {string} */
                status: "queued" | "processing" | "processed" | "needs_review" | "reviewed" | "failed";
            }[];
        };
        Webhook: {
            consecutiveFailures: number;
            createdAt: string;
            createdBy: string | null;
            /** @description `too_many_failures` or `disabled_by_user`; null while enabled */
            disabledReason: string | null;
            enabled: boolean;
            events: ("document.processed" | "document.needs_review" | "document.failed" | "document.reviewed" | "model.promoted" | "model.rejected" | "training.failed")[];
            id: string;
            updatedAt: string;
            url: string;
        };
        WebhookDelivery: {
            attempts: number;
            completedAt: string | null;
            createdAt: string;
            durationMs: number | null;
            error: string | null;
            eventId: string;
            /** @enum {string} */
            eventType: "document.processed" | "document.needs_review" | "document.failed" | "document.reviewed" | "model.promoted" | "model.rejected" | "training.failed";
            id: string;
            lastAttemptAt: string | null;
            nextAttemptAt: string | null;
            payload: {
                createdAt: string;
                data: {
                    [key: string]: unknown;
                };
                id: string;
                projectId: string;
                /** @enum {string} */
                type: "document.processed" | "document.needs_review" | "document.failed" | "document.reviewed" | "model.promoted" | "model.rejected" | "training.failed";
            };
            redeliveryOf: string | null;
            responseStatus: number | null;
            /** @enum {string} */
            status: "pending" | "succeeded" | "failed" | "skipped";
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
};
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
