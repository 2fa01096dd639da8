import { Pagewise } from "@pagewise/client";
import { PagewiseError } from "@pagewise/core";
import type { CliEnv } from "./env";

/**
 * The running platform as the CLI talks to it: the SDK (`@pagewise/client`) with the token and
 * URL of the environment. Retry-safe requests are retried on network errors, 429 and 5xx;
 * failures throw the SDK's PagewiseError classes with the API's stable code.
 */
export function connect(env: Pick<CliEnv, "PAGEWISE_URL" | "PAGEWISE_TOKEN">): Pagewise {
  if (!env.PAGEWISE_TOKEN) {
    throw new PagewiseError("unauthorized", "Set PAGEWISE_TOKEN to an API token of the project.");
  }
  return new Pagewise({ baseUrl: env.PAGEWISE_URL, token: env.PAGEWISE_TOKEN });
}
