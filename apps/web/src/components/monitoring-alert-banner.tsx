import { unwrap } from "../api/client";
import { useAsync } from "../hooks/use-async";
import { Link } from "../router";
import { useSession } from "../session";

/**
 * On the overview: a banner when model monitoring raises warnings or alerts (drift, low live
 * accuracy, a challenger doing worse), linking to the monitoring screen. Notices (`info`) stay on
 * that screen. A failed request says so in one quiet line rather than hiding the overview.
 */
export function MonitoringAlertBanner() {
  const session = useSession();
  const report = useAsync(`monitoring-alerts:${session.project.id}`, () =>
    unwrap(
      session.client.GET("/v1/projects/{project}/monitoring", {
        params: { path: { project: session.project.id }, query: { window: "7d" } },
      }),
    ),
  );
  if (report.error) {
    return (
      <p className="small muted" data-testid="monitoring-banner-error">
        Model monitoring could not be loaded; see the <Link to="/monitoring">Monitoring</Link> page.
      </p>
    );
  }
  const alerts = (report.data?.alerts ?? []).filter((a) => a.severity !== "info");
  if (alerts.length === 0) return null;
  const severe = alerts.some((a) => a.severity === "alert");
  const first = alerts[0]!;
  return (
    <div
      className={severe ? "banner banner-error" : "banner banner-warning"}
      role="alert"
      data-testid="monitoring-banner"
      data-severity={severe ? "alert" : "warn"}
    >
      <div className="banner-text">
        <strong>
          {alerts.length} monitoring {alerts.length === 1 ? "alert" : "alerts"} (last 7 days).
        </strong>{" "}
        <span>
          {first.message}
          {alerts.length > 1 ? ` And ${alerts.length - 1} more.` : ""}
        </span>
      </div>
      <div className="banner-actions">
        <Link to="/monitoring" className="button button-small" data-testid="monitoring-banner-link">
          Open monitoring
        </Link>
      </div>
    </div>
  );
}
