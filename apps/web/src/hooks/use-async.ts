import { useCallback, useEffect, useRef, useState } from "react";

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Load again (keeps showing the current data meanwhile). */
  reload(): void;
  /** Replace the data locally (after a mutation that answered the new state). */
  setData(data: T): void;
}

/**
 * Run `load` whenever `key` changes and keep its result, error and loading state. Answers of an
 * older key that arrive late are dropped, so a fast reviewer never sees a previous document.
 */
export function useAsync<T>(key: string | null, load: () => Promise<T>): AsyncState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(key !== null);
  const [nonce, setNonce] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const keyRef = useRef(key);

  useEffect(() => {
    if (key === null) return;
    void nonce; // reload() asks for the same key again
    let live = true;
    if (keyRef.current !== key) {
      keyRef.current = key;
      setData(undefined);
    }
    setLoading(true);
    setError(undefined);
    loadRef.current().then(
      (value) => {
        if (!live) return;
        setData(value);
        setLoading(false);
      },
      (err: unknown) => {
        if (!live) return;
        setError(err);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [key, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data, error, loading, reload, setData };
}
