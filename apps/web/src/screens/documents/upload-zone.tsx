import { type DragEvent, useRef, useState } from "react";
import { describeError } from "../../api/api-error";
import { uploadDocument } from "../../api/upload";
import { useSession } from "../../session";
import { type UploadItem, UploadRows } from "./upload-rows";

const PARALLEL = 2;
/** Rows kept on screen; the oldest go first. */
const MAX_ROWS = 50;
const ACCEPT =
  ".pdf,.png,.jpg,.jpeg,.tif,.tiff,.xml,application/pdf,image/png,image/jpeg,image/tiff,application/xml,text/xml";

/**
 * Drop files (or choose them) to upload; each row shows its progress, then follows its document
 * to the end of the pipeline, links to it, and can be cleared.
 */
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
    setItems((all) =>
      [
        ...queued.map(({ file, id }) => ({
          id,
          name: file.name,
          size: file.size,
          progress: 0,
          state: "waiting" as const,
        })),
        ...all,
      ].slice(0, MAX_ROWS),
    );
    const work = [...queued];
    async function runner() {
      for (let job = work.shift(); job; job = work.shift()) {
        const { file, id } = job;
        patch(id, { state: "uploading" });
        try {
          const result = await uploadDocument(session.csrfToken, session.project.id, file, (p) =>
            patch(id, { progress: p }),
          ).promise;
          const document = result.documents[0];
          patch(id, {
            state: "done",
            progress: 1,
            documentId: document?.id,
            status: document?.status,
            message: document?.duplicate ? "already uploaded" : undefined,
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
          PDF, PNG, JPEG or TIFF, or an XML e-invoice. Each is read, classified and extracted.
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
      <UploadRows
        items={items}
        onChange={(id, change) => patch(id, change)}
        onClear={(id) => setItems((all) => all.filter((it) => it.id !== id))}
        onSettled={onUploaded}
        onClearAll={() =>
          setItems((all) => all.filter((it) => it.state === "uploading" || it.state === "waiting"))
        }
      />
    </section>
  );
}
