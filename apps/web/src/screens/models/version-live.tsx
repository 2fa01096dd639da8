import { unwrap } from "../../api/client";
import type { ModelVersion, Monitoring } from "../../api/types";
import { ErrorBanner } from "../../components/error-banner";
import { Loading } from "../../components/loading";
import { formatPercent, humanize } from "../../format";
import { useAsync } from "../../hooks/use-async";
import { useSession } from "../../session";
import { LiveFieldTable } from "../monitoring/live-accuracy-card";
import { DEFAULT_WINDOW } from "../monitoring/monitoring-model";
import { ShadowComparisonView } from "../monitoring/shadow-card";

/**
 * How a version does on live documents, beside what the gate saw on validation documents: its
 * shadow comparison with the champion (when it predicted in the shadow), and for the champion
 * its live accuracy from people's reviews over the monitoring window, this version's only.
 */
export function VersionLive({ version: v }: { version: ModelVersion }) {
  const session = useSession();
  const isChampion = v.aliases.includes("champion");
  const path = { project: session.project.id, kind: v.kind };
  const data = useAsync(`version-live:${v.kind}:${v.version}:${v.aliases.join(",")}`, async () => {
    const [detail, report] = await Promise.all([
      unwrap(
        session.client.GET("/v1/projects/{project}/models/{kind}/versions/{version}", {
          params: { path: { ...path, version: v.version } },
        }),
      ),
      isChampion
        ? unwrap(
            session.client.GET("/v1/projects/{project}/monitoring", {
              params: { path: { project: path.project }, query: { window: DEFAULT_WINDOW } },
            }),
          )
        : Promise.resolve(null),
    ]);
    return { shadow: detail.shadow, live: report?.liveAccuracy ?? null };
  });
  if (data.error) return <ErrorBanner error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const { shadow, live } = data.data;
  if (!shadow && !live) return null;
  return (
    <div className="gate" data-testid="version-live">
      <h3 className="subtitle">On live documents</h3>
      {shadow && (
        <div data-testid="version-shadow">
          <ShadowComparisonView c={shadow} as="this version" />
        </div>
      )}
      {live && <ChampionLive live={live} version={v} />}
    </div>
  );
}

function ChampionLive({
  live,
  version: v,
}: {
  live: Monitoring["liveAccuracy"];
  version: ModelVersion;
}) {
  const window = `the last ${DEFAULT_WINDOW}`;
  if (v.kind === "classifier") {
    const mine = live.category.filter((c) => c.classifierVersion === v.version);
    const documents = mine.reduce((n, c) => n + c.documents, 0);
    const correct = mine.reduce((n, c) => n + c.correct, 0);
    return (
      <p className="small" data-testid="version-live-category">
        Live category accuracy ({window}, reviewed documents):{" "}
        {documents === 0
          ? "no reviews yet"
          : `${formatPercent(correct / documents, 1)} (${correct}/${documents})`}
        {mine.map((c) => (
          <span key={c.sample} className="muted">
            {" "}
            · {humanize(c.sample)} {c.correct}/{c.documents}
          </span>
        ))}
      </p>
    );
  }
  const fields = live.fields.filter((f) => f.extractorVersion === v.version);
  return (
    <div data-testid="version-live-accuracy">
      <p className="small muted">
        Live accuracy of v{v.version} as champion ({window}): what reviewers kept of its predictions
        and what it missed, per field.
      </p>
      {fields.length === 0 ? (
        <p className="muted small">No reviewed live documents of this version yet.</p>
      ) : (
        <LiveFieldTable live={{ fields }} />
      )}
    </div>
  );
}
