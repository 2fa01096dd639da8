import { type DragEvent, useRef, useState } from "react";
import { describeError } from "../../api/api-error";
import { uploadDocument } from "../../api/upload";
import { formatBytes, formatPercent } from "../../format";
import { useSession } from "../../session";

interface UploadItem {
  id: number;
  name: string;
  size: number;
  progress: number;
  state: "waiting" | "uploading" | "done" | "failed";
  message?: string;
}

const PARALLEL = 2;
const ACCEPT = ".pdf,.png,.jpg,.jpeg,.tif,.tiff,application/pdf,image/png,image/jpeg,image/tiff";

/** Drop files (or choose them) to upload; each shows its progress and its outcome. */
export function UploadZone({ onUploaded }: { onUploaded: () => void }) {
  const session = useSession();
  const [items, setItems] = useState<UploadItem[]>([]);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const nextId = useRef(1);

  const patch = (id: number, change: Partial<UploadItem>) =>
    setItems((all) => all.map((it) => (it.id === id ? { ...it, ...change } : it)));

  async function start(files: File[]) {
    if (files.length === 0) return;
    const queued = files.map((file) => ({ file, id: nextId.current++ }));
    setItems((all) => [
      ...queued.map(({ file, id }) => ({
        id,
        name: file.name,
        size: file.size,
        progress: 0,
        state: "waiting" as const,
      })),
      ...all.filter((it) => it.state !== "done").slice(0, 20),
    ]);
    const work = [...queued];
    async function runner() {
      for (let job = work.shift(); job; job = work.shift()) {
        const { file, id } = job;
        patch(id, { state: "uploading" });
        try {
          const result = await uploadDocument(session.token, session.project.id, file, (p) =>
            patch(id, { progress: p }),
          ).promise;
          const duplicate = result.documents[0]?.duplicate;
          patch(id, {
            state: "done",
            progress: 1,
            message: duplicate ? "already uploaded" : "queued for reading",
          });
        } catch (err) {
          const { title, detail } = describeError(err);
          patch(id, { state: "failed", message: `${title}. ${detail}` });
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(PARALLEL, queued.length) }, runner));
    onUploaded();
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setOver(false);
    void start(Array.from(e.dataTransfer.files));
  }

  return (
    <section className="upload" aria-label="Upload documents">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a drop target; keyboards use "Choose files" */}
      <div
        className={over ? "dropzone dropzone-over" : "dropzone"}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="dropzone"
      >
        <p>
          <strong>Drop PDFs or images here</strong> <span className="muted">or</span>{" "}
          <button
            type="button"
            className="button button-small"
            onClick={() => input.current?.click()}
          >
            Choose files
          </button>
        </p>
        <p className="small muted">
          PDF, PNG, JPEG or TIFF. Each is read, classified and extracted.
        </p>
        <input
          ref={input}
          type="file"
          multiple
          accept={ACCEPT}
          hidden
          onChange={(e) => {
            void start(Array.from(e.target.files ?? []));
            e.target.value = "";
          }}
          data-testid="upload-input"
        />
      </div>
      {items.length > 0 && (
        <ul className="uploads">
          {items.map((it) => (
            <li key={it.id} className={`upload-item upload-${it.state}`} data-testid="upload-item">
              <span className="upload-name">{it.name}</span>
              <span className="small muted">{formatBytes(it.size)}</span>
              <progress max={1} value={it.progress} aria-label={`Upload of ${it.name}`} />
              <span className="small upload-state">
                {it.state === "uploading"
                  ? formatPercent(it.progress)
                  : it.state === "waiting"
                    ? "waiting"
                    : it.message}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
