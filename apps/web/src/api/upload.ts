import { ApiError, toApiError } from "./api-error";
import { CSRF_HEADER } from "./client";
import type { UploadResult } from "./types";

export interface UploadHandle {
  promise: Promise<UploadResult>;
  abort(): void;
}

/**
 * Upload one file with XMLHttpRequest, because fetch cannot report upload progress.
 * `onProgress` receives 0–1 as the bytes leave the browser.
 */
export function uploadDocument(
  csrfToken: string,
  project: string,
  file: File,
  onProgress: (fraction: number) => void,
): UploadHandle {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<UploadResult>((resolve, reject) => {
    xhr.open("POST", `/v1/projects/${encodeURIComponent(project)}/documents`);
    xhr.setRequestHeader(CSRF_HEADER, csrfToken);
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status === 202) resolve(xhr.response as UploadResult);
      else reject(toApiError(xhr.status, xhr.response));
    };
    xhr.onerror = () =>
      reject(new ApiError("network", "The upload was interrupted. Try again.", 0));
    xhr.onabort = () => reject(new ApiError("network", "The upload was cancelled.", 0));
    const form = new FormData();
    form.append("file", file, file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}
