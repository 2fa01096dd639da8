import type { DatasetGroundTruth } from "./map-ground-truth";

/**
 * The vendor a dataset document belongs to, for vendor-grouped splits: the dataset's own
 * `vendor_cluster` (ZUGFeRD), else an invoice's `vendor` field (invoice2data); undefined for
 * documents without one (receipts, contracts), which are split one by one. Case and spacing are
 * ignored ("Coolblue B.V." and "COOLBLUE B.V." are one vendor).
 */
export function vendorGroup(gt: DatasetGroundTruth): string | undefined {
  const vendor = gt.vendor_cluster ?? (gt.type === "invoice" ? gt.fields.vendor : undefined);
  if (typeof vendor !== "string") return undefined;
  const key = vendor.toLowerCase().replace(/\s+/g, " ").trim();
  return key === "" ? undefined : key;
}
