import { PagewiseError } from "@pagewise/core";

/**
 * Reject with `read_timeout` when `promise` has not settled in `ms`. This only catches work that
 * waits (pdf.js waiting on data, a stuck message); synchronous loops are stopped by
 * `DocumentReader`, which terminates the thread they block.
 */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new PagewiseError("read_timeout", `${what} took longer than ${ms} ms`)),
      ms,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
