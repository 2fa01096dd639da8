import type { ModelKind } from "@pagewise/core";
import {
  type ClassifierModel,
  disposeModel,
  type ExtractorModel,
  loadClassifier,
  loadExtractor,
} from "@pagewise/models";
import { getAliasedVersion, type ModelVersion } from "@pagewise/registry";
import type { BlobStore, Db } from "@pagewise/storage";
import type { Logger } from "pino";

type Loaded<K extends ModelKind> = K extends "classifier" ? ClassifierModel : ExtractorModel;

export interface ServingModel<K extends ModelKind> {
  version: ModelVersion;
  model: Loaded<K>;
}

/** Read a version's artifact files from the blob store. */
export async function readArtifacts(
  blobs: BlobStore,
  version: ModelVersion,
): Promise<Record<string, Uint8Array>> {
  const files: Record<string, Uint8Array> = {};
  for (const [name, key] of Object.entries(version.artifacts)) {
    const bytes = await blobs.get(key);
    if (!bytes) throw new Error(`artifact ${name} of version ${version.version} is missing`);
    files[name] = bytes;
  }
  return files;
}

/**
 * The champion of each project's models, loaded once per version. Every job asks the registry
 * which version is champion (one indexed query), so a promotion or a rollback is served by the
 * next job on every worker, without a restart or a message bus.
 */
export class ModelCache {
  private readonly loaded = new Map<
    string,
    { versionId: string; model: ClassifierModel | ExtractorModel }
  >();
  private readonly loading = new Map<string, Promise<ClassifierModel | ExtractorModel>>();

  constructor(
    private readonly db: Db,
    private readonly blobs: BlobStore,
    private readonly logger: Logger,
  ) {}

  async champion<K extends ModelKind>(projectId: string, kind: K): Promise<ServingModel<K> | null> {
    const version = await getAliasedVersion(this.db, projectId, kind, "champion");
    if (!version) return null;
    const slot = `${projectId}:${kind}`;
    const current = this.loaded.get(slot);
    if (current?.versionId === version.id) return { version, model: current.model as Loaded<K> };

    let pending = this.loading.get(version.id);
    if (!pending) {
      pending = (async () => {
        const files = await readArtifacts(this.blobs, version);
        return kind === "classifier" ? loadClassifier(files) : loadExtractor(files);
      })();
      this.loading.set(version.id, pending);
    }
    try {
      const model = await pending;
      const previous = this.loaded.get(slot);
      if (previous?.versionId !== version.id) {
        this.loaded.set(slot, { versionId: version.id, model });
        if (previous) disposeModel(previous.model);
        this.logger.info({ projectId, kind, version: version.version }, "serving model version");
      }
      return { version, model: model as Loaded<K> };
    } finally {
      this.loading.delete(version.id);
    }
  }
}
