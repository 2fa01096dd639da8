import { z } from "@hono/zod-openapi";
import {
  DEFAULT_MONITORING_WINDOW,
  DriftReportSchema,
  LiveAccuracySchema,
  MonitoringAlertSchema,
  ShadowComparisonSchema,
  WINDOW_PATTERN,
} from "@pagewise/registry";

// The registry's schemas are plain zod (made before @hono/zod-openapi extends it): copied into
// registered objects by shape so that the OpenAPI document names them.
export const ShadowComparisonViewSchema = z
  .object(ShadowComparisonSchema.shape)
  .openapi("ShadowComparison");

export const MonitoringSchema = z
  .object({
    window: z.string(),
    liveAccuracy: z.object(LiveAccuracySchema.shape).openapi("LiveAccuracy"),
    drift: z.object(DriftReportSchema.shape).openapi("DriftReport"),
    shadow: z.array(ShadowComparisonViewSchema),
    alerts: z.array(z.object(MonitoringAlertSchema.shape).openapi("MonitoringAlert")),
  })
  .openapi("Monitoring");

export const MonitoringQuerySchema = z.object({
  window: z
    .string()
    .regex(WINDOW_PATTERN)
    .default(DEFAULT_MONITORING_WINDOW)
    .openapi({
      description: `Minutes, hours or days back from now: 30m, 24h, 7d (default ${DEFAULT_MONITORING_WINDOW}, at most 365d)`,
      example: "7d",
    }),
});
