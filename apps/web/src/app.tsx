import { Loading } from "./components/loading";
import { Shell } from "./components/shell";
import { ToastProvider } from "./components/toasts";
import { ProjectProvider } from "./project-context";
import { matchPath, useLocation } from "./router";
import { AuditScreen } from "./screens/audit/audit-screen";
import { DocumentsScreen } from "./screens/documents/documents-screen";
import { ModelsScreen } from "./screens/models/models-screen";
import { MonitoringScreen } from "./screens/monitoring/monitoring-screen";
import { OverviewScreen } from "./screens/overview/overview-screen";
import { ReviewQueueScreen } from "./screens/queue/review-queue-screen";
import { ReviewScreen } from "./screens/review/review-screen";
import { SignInScreen } from "./screens/sign-in-screen";
import { SessionProvider, useSessionState } from "./session";

export function App() {
  return (
    <SessionProvider>
      <ToastProvider>
        <Routes />
      </ToastProvider>
    </SessionProvider>
  );
}

function Routes() {
  const { state } = useSessionState();
  const { path, query } = useLocation();
  if (state.status === "checking") return <Loading label="Checking your session…" />;
  if (state.status === "signed-out") return <SignInScreen notice={state.notice} />;

  const review = matchPath("/documents/:id", path);
  const models = matchPath("/models/:kind", path);
  let screen: React.ReactNode;
  if (review?.id) {
    screen = (
      <ReviewScreen
        key={review.id}
        documentId={review.id}
        fromQueue={query.get("from") === "queue"}
      />
    );
  } else if (path === "/documents") screen = <DocumentsScreen />;
  else if (path === "/queue") screen = <ReviewQueueScreen />;
  else if (path === "/monitoring") screen = <MonitoringScreen />;
  else if (path === "/audit") screen = <AuditScreen />;
  else if (path === "/models" || models) {
    const kind = models?.kind === "classifier" ? "classifier" : "extractor";
    screen = <ModelsScreen kind={kind} />;
  } else screen = <OverviewScreen />;
  return (
    <ProjectProvider>
      <Shell>{screen}</Shell>
    </ProjectProvider>
  );
}
