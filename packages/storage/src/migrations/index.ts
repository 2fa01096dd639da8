import type { Migration } from "kysely";
import * as foundation from "./0001-foundation";
import * as learningLoop from "./0002-learning-loop";
import * as reviewReasons from "./0003-review-reasons";
import * as reviewAbsent from "./0004-review-absent";
import * as blobReferenceIndexes from "./0006-blob-reference-indexes";
import * as monitoring from "./0007-monitoring";
import * as encryption from "./0008-encryption";
import * as users from "./0009-users";
import * as auditEvents from "./0010-audit-events";
import * as webhooks from "./0011-webhooks";
import * as search from "./0012-search";
import * as uploadQuotas from "./0013-upload-quotas";
import * as listKeysetIndexes from "./0014-list-keyset-indexes";
import * as vendorMemory from "./0015-vendor-memory";

/**
 * Every migration, in order. Migrations are code (not files found at run time) so that they ship
 * with the package and run the same on SQLite and PostgreSQL. Never edit one that has shipped.
 */
export const MIGRATIONS: Record<string, Migration> = {
  "0001-foundation": foundation,
  "0002-learning-loop": learningLoop,
  "0003-review-reasons": reviewReasons,
  "0004-review-absent": reviewAbsent,
  "0006-blob-reference-indexes": blobReferenceIndexes,
  "0007-monitoring": monitoring,
  "0008-encryption": encryption,
  "0009-users": users,
  "0010-audit-events": auditEvents,
  "0011-webhooks": webhooks,
  "0012-search": search,
  "0013-upload-quotas": uploadQuotas,
  "0014-list-keyset-indexes": listKeysetIndexes,
  "0015-vendor-memory": vendorMemory,
};
