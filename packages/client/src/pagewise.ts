import {
  type ApiClient,
  type ApiClientOptions,
  createApiClient,
  type PagedPath,
  type PageItem,
  type PageParams,
  paginate,
} from "./api-client.js";
import { Documents } from "./documents.js";

export interface PagewiseOptions extends ApiClientOptions {
  /** The project calls use when they name none. */
  project?: string | undefined;
}

/**
 * The Pagewise SDK: documents (upload with safe retries, wait for results, list every page) and
 * the typed client of every other API path (`api`).
 *
 * @example
 * const pagewise = new Pagewise({ baseUrl: "http://127.0.0.1:8080", token: process.env.PAGEWISE_TOKEN });
 * const { id } = await pagewise.documents.upload(bytes, { project: "invoices", filename: "a.pdf" });
 * const doc = await pagewise.documents.waitForResult(id, { project: "invoices" });
 */
export class Pagewise {
  /** Every API path, typed: `await unwrap(pagewise.api.GET("/v1/me"))`. */
  readonly api: ApiClient;
  readonly documents: Documents;
  private readonly project: string | undefined;

  constructor(options: PagewiseOptions) {
    this.api = createApiClient(options);
    this.project = options.project;
    this.documents = new Documents(this.api, (project) => this.projectOf(project));
  }

  /**
   * Every item of any paged list of the API, following its cursor as you iterate.
   *
   * @example
   * for await (const v of pagewise.paginate("/v1/projects/{project}/models/{kind}/versions", {
   *   path: { project: "invoices", kind: "extractor" },
   * })) console.log(v.version);
   */
  paginate<P extends PagedPath>(
    path: P,
    params: PageParams<P>,
  ): AsyncGenerator<PageItem<P>, void, undefined> {
    return paginate(this.api, path, params);
  }

  private projectOf(project: string | undefined): string {
    const name = project ?? this.project;
    if (!name) throw new Error("No project: pass `project` to the call or to new Pagewise().");
    return name;
  }
}

/** `new Pagewise(options)`, as a function. */
export function createClient(options: PagewiseOptions): Pagewise {
  return new Pagewise(options);
}
