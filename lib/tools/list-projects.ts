import "server-only";
import { listProjects } from "../projects";
import { ListProjectsInput, ListProjectsOutput } from "../projects/schemas";
import { defineTool } from "./types";

export const listProjectsTool = defineTool({
  name: "list_projects",
  title: "List projects",
  description:
    "The projects you are a member of, most recently updated first, with your role in each. " +
    "Filter by name with q; status selects active (default), archived or all; paged.",
  inputSchema: ListProjectsInput,
  outputSchema: ListProjectsOutput,
  scope: "read",
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  run: ({ ctx, input }) => listProjects({ ctx, input }),
  render: ({ projects, total, page }) =>
    projects.length === 0
      ? "No projects match."
      : [
          `${total} project${total === 1 ? "" : "s"} (page ${page}):`,
          ...projects.map(
            (p) => `- ${p.name} (${p.role}${p.archivedAt ? ", archived" : ""}) ${p.id}`,
          ),
        ].join("\n"),
});
