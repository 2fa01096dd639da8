import { useEffect, useRef, useState } from "react";
import { fetchBlob } from "../../api/client";

interface PageImage {
  url: string | null;
  error: unknown;
  loading: boolean;
}

/**
 * The page image as a blob URL, fetched with the session cookie (so a failure can be told in
 * words and retried). URLs are kept per page while the document is open (flipping back is instant)
 * and revoked when it closes. The next page is fetched ahead.
 */
export function usePageImages(
  sessionKey: string,
  basePath: string,
  pageIndex: number,
  pageCount: number,
): PageImage & { retry(): void } {
  const cache = useRef(new Map<number, Promise<string>>());
  const [state, setState] = useState<PageImage>({ url: null, error: null, loading: true });
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    const urls = cache.current;
    return () => {
      for (const p of urls.values()) p.then(URL.revokeObjectURL, () => {});
      urls.clear();
    };
  }, []);

  useEffect(() => {
    let live = true;
    const load = (n: number) => {
      let promise = cache.current.get(n);
      if (!promise) {
        promise = fetchBlob(`${basePath}/pages/${n}/image`).then((b) => URL.createObjectURL(b));
        // A failed page is fetched again next time it is asked for.
        promise.catch(() => cache.current.delete(n));
        cache.current.set(n, promise);
      }
      return promise;
    };
    void nonce;
    // A new sign-in fetches again (the old blob URLs belonged to the old session).
    void sessionKey;
    setState({ url: null, error: null, loading: true });
    load(pageIndex).then(
      (url) => {
        if (live) setState({ url, error: null, loading: false });
        if (pageIndex + 1 < pageCount) load(pageIndex + 1).catch(() => {});
      },
      (error: unknown) => live && setState({ url: null, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [sessionKey, basePath, pageIndex, pageCount, nonce]);

  return { ...state, retry: () => setNonce((n) => n + 1) };
}
