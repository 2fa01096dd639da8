import { type VendorObservation, VendorObservationSchema } from "@pagewise/core";
import { documentCipher, documentCiphers } from "./encryption/field-encryption";
import type { LabeledField } from "./reviews";
import type { Db } from "./schema";
import { nowIso } from "./time";

/** A complete review the vendor memory has not learned from yet. */
export interface UnlearnedReview {
  reviewId: string;
  documentId: string;
  category: string | null;
  fields: LabeledField[];
  createdAt: string;
}

/**
 * The project's newest complete reviews (at most `limit`) that are newer than what the vendor
 * memory learned from their document: a document reviewed again is learned again.
 */
export async function listUnlearnedReviews(
  db: Db,
  projectId: string,
  limit = 50,
): Promise<UnlearnedReview[]> {
  const rows = await db
    .selectFrom("reviews")
    .leftJoin("vendor_memory", (j) =>
      j
        .onRef("vendor_memory.project_id", "=", "reviews.project_id")
        .onRef("vendor_memory.document_id", "=", "reviews.document_id"),
    )
    .select([
      "reviews.id",
      "reviews.document_id",
      "reviews.category",
      "reviews.fields",
      "reviews.created_at",
    ])
    .where("reviews.project_id", "=", projectId)
    .where("reviews.complete", "=", 1)
    .where((eb) =>
      eb.or([
        eb("vendor_memory.review_created_at", "is", null),
        eb("vendor_memory.review_created_at", "<", eb.ref("reviews.created_at")),
      ]),
    )
    .orderBy("reviews.created_at", "desc")
    .orderBy("reviews.id", "desc")
    .limit(limit)
    .execute();
  const cipherOf = await documentCiphers(
    db,
    rows.map((r) => r.document_id),
  );
  // Only the newest review of each document counts.
  const seen = new Set<string>();
  const out: UnlearnedReview[] = [];
  for (const r of rows) {
    if (seen.has(r.document_id)) continue;
    seen.add(r.document_id);
    out.push({
      reviewId: r.id,
      documentId: r.document_id,
      category: r.category,
      fields: JSON.parse(cipherOf(r.document_id).decrypt("reviews.fields", r.fields)),
      createdAt: r.created_at,
    });
  }
  return out;
}

/**
 * Store what a review taught (or, with `observation: null`, that it taught nothing), replacing
 * what an older review of the same document taught. Idempotent: two workers learning the same
 * review write the same row; an older review never overwrites a newer one.
 */
export async function saveVendorObservation(
  db: Db,
  input: {
    projectId: string;
    documentId: string;
    reviewId: string;
    reviewCreatedAt: string;
    vendorKey: string | null;
    observation: VendorObservation | null;
  },
): Promise<void> {
  const cipher = await documentCipher(db, input.documentId, { create: true });
  const data = input.observation
    ? cipher.encrypt("vendor_memory.data", JSON.stringify(input.observation))
    : null;
  const values = {
    review_id: input.reviewId,
    review_created_at: input.reviewCreatedAt,
    vendor_key: input.observation ? input.vendorKey : null,
    data,
    created_at: nowIso(),
  };
  await db
    .insertInto("vendor_memory")
    .values({ project_id: input.projectId, document_id: input.documentId, ...values })
    .onConflict((oc) =>
      oc
        .columns(["project_id", "document_id"])
        .doUpdateSet(values)
        .where("vendor_memory.review_created_at", "<", input.reviewCreatedAt),
    )
    .execute();
}

/**
 * The project's remembered documents, newest review first (at most `limit`); with `vendorKey`,
 * only that vendor's (the others are not read nor decrypted).
 */
export async function listVendorObservations(
  db: Db,
  projectId: string,
  options: { vendorKey?: string; limit?: number } = {},
): Promise<{ documentId: string; vendorKey: string; observation: VendorObservation }[]> {
  const rows = await db
    .selectFrom("vendor_memory")
    .select(["document_id", "vendor_key", "data"])
    .where("project_id", "=", projectId)
    .where("vendor_key", "is not", null)
    .$if(options.vendorKey !== undefined, (q) => q.where("vendor_key", "=", options.vendorKey!))
    .orderBy("review_created_at", "desc")
    .orderBy("document_id", "desc")
    .limit(options.limit ?? 1000)
    .execute();
  const cipherOf = await documentCiphers(
    db,
    rows.map((r) => r.document_id),
  );
  return rows.flatMap((r) => {
    if (!r.data || !r.vendor_key) return [];
    const parsed = VendorObservationSchema.safeParse(
      JSON.parse(cipherOf(r.document_id).decrypt("vendor_memory.data", r.data)),
    );
    return parsed.success
      ? [{ documentId: r.document_id, vendorKey: r.vendor_key, observation: parsed.data }]
      : [];
  });
}
