import type { GateSettings, ModelKind } from "@pagewise/core";
import { alignConfusion, classScores } from "./class-scores";
import type { GateReport, ModelMetrics } from "./model-types";

/**
 * The promotion gate: a challenger passes when no field's F1 falls by more than the field
 * tolerance and the overall score (macro F1, or accuracy for classifiers) does not fall by more
 * than the overall tolerance (default 0: it must not decrease). Both are scored on the same frozen
 * validation set. Without a champion, the first model passes.
 */
export function evaluateGate(input: {
  kind: ModelKind;
  challengerVersion: number;
  challenger: ModelMetrics;
  championVersion: number | null;
  champion: ModelMetrics | null;
  settings: GateSettings;
}): GateReport {
  const { challenger, champion, settings } = input;
  const reasons: string[] = [];
  const fields: GateReport["fields"] = [];
  if (input.kind === "extractor") {
    const names = new Set([
      ...Object.keys(challenger.fields ?? {}),
      ...Object.keys(champion?.fields ?? {}),
    ]);
    for (const name of [...names].sort()) {
      const now = challenger.fields?.[name];
      const before = champion?.fields?.[name];
      const support = Math.max(now?.support ?? 0, before?.support ?? 0);
      if (support === 0) continue; // not in the validation set: nothing to compare
      const challengerF1 = now?.f1 ?? 0;
      const championF1 = before ? before.f1 : null;
      const delta = championF1 === null ? null : challengerF1 - championF1;
      const ok = delta === null || delta >= -settings.fieldTolerance - 1e-9;
      if (!ok) {
        reasons.push(
          `${name}: F1 ${challengerF1.toFixed(3)} < champion ${championF1!.toFixed(3)} − ${settings.fieldTolerance}`,
        );
      }
      fields.push({
        name,
        champion: championF1,
        challenger: challengerF1,
        delta,
        support,
        ok,
        // Shown, not gated on: a calibration error says how far confidence is from precision.
        ...(now?.ece === undefined ? {} : { challengerEce: now.ece }),
        ...(before?.ece === undefined ? {} : { championEce: before.ece }),
      });
    }
  }
  const metric = input.kind === "extractor" ? ("macroF1" as const) : ("accuracy" as const);
  const challengerOverall = challenger[metric] ?? 0;
  const championOverall = champion ? (champion[metric] ?? 0) : null;
  const overallOk =
    championOverall === null ||
    challengerOverall >= championOverall - settings.macroTolerance - 1e-9;
  if (!overallOk) {
    reasons.push(
      `${metric} ${challengerOverall.toFixed(3)} < champion ${championOverall!.toFixed(3)}` +
        (settings.macroTolerance ? ` − ${settings.macroTolerance}` : ""),
    );
  }
  if (champion === null) reasons.push("no champion yet: the first model is promoted");
  const perClass = input.kind === "classifier" ? classifierDetails(challenger, champion) : {};
  return {
    passed: overallOk && fields.every((f) => f.ok),
    kind: input.kind,
    championVersion: input.championVersion,
    challengerVersion: input.challengerVersion,
    validationDocuments: challenger.documents,
    fields,
    ...perClass,
    overall: { metric, champion: championOverall, challenger: challengerOverall, ok: overallOk },
    tolerances: { field: settings.fieldTolerance, overall: settings.macroTolerance },
    reasons,
  };
}

/**
 * The classifier's report per category (both models' precision, recall, F1) and both confusion
 * matrices over one list of categories. Metrics stored before they carried a confusion matrix
 * give no rows.
 */
function classifierDetails(
  challenger: ModelMetrics,
  champion: ModelMetrics | null,
): Pick<GateReport, "classes" | "confusion"> {
  if (!challenger.confusion) return {};
  const labels = [
    ...new Set([...challenger.confusion.labels, ...(champion?.confusion?.labels ?? [])]),
  ];
  const now = challenger.classes ?? classScores(challenger.confusion);
  const before = champion?.confusion ? (champion.classes ?? classScores(champion.confusion)) : null;
  const classes = labels.map((name) => {
    const c = now[name] ?? { precision: 0, recall: 0, f1: 0, support: 0 };
    return {
      name,
      challenger: c,
      champion: before ? (before[name] ?? { precision: 0, recall: 0, f1: 0, support: 0 }) : null,
      support: c.support,
    };
  });
  return {
    classes,
    confusion: {
      labels,
      challenger: alignConfusion(challenger.confusion, labels),
      champion: champion?.confusion ? alignConfusion(champion.confusion, labels) : null,
    },
  };
}
