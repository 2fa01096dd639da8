import type { ModelAlias, ModelKind } from "@pagewise/core";
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

  champion<K extends ModelKind>(projectId: string, kind: K): Promise<ServingModel<K> | null> {
    return this.aliased(projectId, kind, "champion");
  }

  /** The version an alias points at, loaded (the challenger predicts in the champion's shadow). */
  async aliased<K extends ModelKind>(
    projectId: string,
    kind: K,
    alias: ModelAlias,
  ): Promise<ServingModel<K> | null> {
    const version = await getAliasedVersion(this.db, projectId, kind, alias);
    const slot = `${projectId}:${kind}:${alias}`;
    if (!version) {
      // The alias was cleared (a challenger promoted or let go): free what it held.
      this.release(slot);
      return null;
    }
    return { version, model: await this.load(slot, kind, version) };
  }

  /**
   * Load the versions that predict in the shadow (see `shadowVersionsFor`), and free the shadow
   * slots of this project's model that left the list (a version done with its shadow period).
   */
  async shadowing<K extends ModelKind>(
    projectId: string,
    kind: K,
    versions: readonly ModelVersion[],
  ): Promise<ServingModel<K>[]> {
    const prefix = `${projectId}:${kind}:shadow:`;
    const keep = new Set(versions.map((v) => `${prefix}${v.id}`));
    for (const slot of [...this.loaded.keys()]) {
      if (slot.startsWith(prefix) && !keep.has(slot)) this.release(slot);
    }
    const loaded: ServingModel<K>[] = [];
    for (const version of versions) {
      loaded.push({ version, model: await this.load(`${prefix}${version.id}`, kind, version) });
    }
    return loaded;
  }

  private async load<K extends ModelKind>(
    slot: string,
    kind: K,
    version: ModelVersion,
  ): Promise<Loaded<K>> {
    const current = this.loaded.get(slot);
    if (current?.versionId === version.id) return current.model as Loaded<K>;

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
        if (previous) this.disposeUnlessShared(previous.model);
        this.logger.info({ slot, kind, version: version.version }, "loaded model version");
      }
      return model as Loaded<K>;
    } finally {
      this.loading.delete(version.id);
    }
  }

  private release(slot: string): void {
    const held = this.loaded.get(slot);
    if (!held) return;
    this.loaded.delete(slot);
    this.disposeUnlessShared(held.model);
  }

  /** A model object may serve two slots (champion and challenger loaded together). */
  private disposeUnlessShared(model: ClassifierModel | ExtractorModel): void {
    if (![...this.loaded.values()].some((l) => l.model === model)) disposeModel(model);
  }
}
