import { Card } from "@/components/ui/card";
import type { WorkflowListItem } from "@/lib/workflows/views";
import { CreateLinks } from "./create-links";
import { WorkflowRows } from "./workflow-row";

/**
 * A project's Workflows section (server-rendered into the project page): its workflows with the
 * list's row, and New workflow / Import for its editors.
 */
export function ProjectWorkflows({
  projectId,
  workflows,
  canEdit,
  now,
}: {
  projectId: string;
  workflows: WorkflowListItem[];
  canEdit: boolean;
  now: number;
}) {
  return (
    <Card
      id="workflows-heading"
      title="Workflows"
      description="Pipelines of this project's steps, run on the server."
    >
      <div className="space-y-4">
        {canEdit && <CreateLinks projectId={projectId} />}
        {workflows.length > 0 ? (
          <WorkflowRows
            workflows={workflows}
            now={now}
            showProject={false}
            label="Project workflows"
          />
        ) : (
          <p className="rounded-xl border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
            {canEdit
              ? "No workflows yet. Start one blank or from a template, or import a file."
              : "No workflows yet. Editors of this project can create them."}
          </p>
        )}
      </div>
    </Card>
  );
}
