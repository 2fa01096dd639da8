import { createContext, type ReactNode, useContext } from "react";
import { unwrap } from "./api/client";
import type { Project } from "./api/types";
import { type AsyncState, useAsync } from "./hooks/use-async";
import { useSession } from "./session";

const ProjectContext = createContext<AsyncState<Project> | null>(null);

/** The signed-in project (settings, label schema, counts), loaded once and shared by screens. */
export function ProjectProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  const project = useAsync(`${session.key}:${session.project.id}`, () =>
    unwrap(
      session.client.GET("/v1/projects/{project}", {
        params: { path: { project: session.project.id } },
      }),
    ),
  );
  return <ProjectContext.Provider value={project}>{children}</ProjectContext.Provider>;
}

export function useProject(): AsyncState<Project> {
  const value = useContext(ProjectContext);
  if (!value) throw new Error("useProject outside ProjectProvider");
  return value;
}
