import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
} from "react";
import { describeError } from "../api/api-error";

interface Toast {
  id: number;
  kind: "success" | "error" | "info";
  text: string;
}

interface ToastApi {
  success(text: string): void;
  info(text: string): void;
  /** Show an error (an ApiError is described in words). */
  error(error: unknown): void;
}

const ToastContext = createContext<ToastApi | null>(null);

/** Short confirmations and action failures, announced to screen readers too. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);

  const push = useCallback((kind: Toast["kind"], text: string) => {
    const id = next.current++;
    setToasts((all) => [...all.slice(-3), { id, kind, text }]);
    setTimeout(
      () => setToasts((all) => all.filter((t) => t.id !== id)),
      kind === "error" ? 9000 : 3500,
    );
  }, []);

  const api = useMemo<ToastApi>(
    () => ({
      success: (text) => push("success", text),
      info: (text) => push("info", text),
      error: (error) => {
        const { title, detail } = describeError(error);
        push("error", `${title}. ${detail}`);
      },
    }),
    [push],
  );

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts" aria-live="polite">
        {toasts.map((t) => (
          <div
            key={t.id}
            className={`toast toast-${t.kind}`}
            role={t.kind === "error" ? "alert" : "status"}
          >
            {t.text}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToasts(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToasts outside ToastProvider");
  return api;
}
