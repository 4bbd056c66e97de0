import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { WorkflowListItem } from "@/lib/workflows/views";
import { CreateLinks } from "./create-links";
import { textLink } from "./link-styles";
import { WorkflowRows } from "./workflow-row";

export interface ProjectOption {
  id: string;
  name: string;
}

/**
 * The Workflows page body, server-rendered: a plain GET search form (?q=, ?projectId=) that works
 * before JavaScript loads, the rows, and an empty state that says what to do next.
 */
export function WorkflowList({
  workflows,
  projects,
  q,
  projectId,
  now,
  canCreate,
  error,
}: {
  workflows: WorkflowListItem[];
  /** Every project of the caller, for the filter. */
  projects: ProjectOption[];
  q: string;
  projectId: string;
  now: number;
  /** Whether the caller is an editor or owner of an active project. */
  canCreate: boolean;
  error?: string;
}) {
  const filtered = !!(q || projectId);
  return (
    <div className="space-y-4">
      <form
        method="get"
        action="/workflows"
        role="search"
        aria-label="Search workflows"
        className="flex flex-wrap items-end gap-3"
      >
        <label className="block w-full text-sm sm:max-w-xs">
          <span className="font-medium">Search by name</span>
          <Input
            type="search"
            name="q"
            variant="lg"
            defaultValue={q}
            maxLength={120}
            placeholder="Name contains…"
            className="mt-1 block w-full"
          />
        </label>
        <label className="block w-full text-sm sm:w-56">
          <span className="font-medium">Project</span>
          <Select
            name="projectId"
            variant="lg"
            defaultValue={projectId}
            className="mt-1 block w-full"
          >
            <option value="">All projects</option>
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        </label>
        <div className="flex items-center gap-3">
          <Button type="submit" variant="secondary">
            Search
          </Button>
          {filtered && (
            <Link href="/workflows" className={`text-sm ${textLink}`}>
              Clear
            </Link>
          )}
        </div>
      </form>
      {error && <Alert>{error}</Alert>}
      {!error && workflows.length > 0 && (
        <>
          <p className="text-sm text-zinc-500 dark:text-zinc-400" role="status">
            {workflows.length} workflow{workflows.length === 1 ? "" : "s"}
            {filtered ? " found" : ""}
          </p>
          <WorkflowRows workflows={workflows} now={now} />
        </>
      )}
      {!error && workflows.length === 0 && (
        <EmptyState filtered={filtered} q={q} canCreate={canCreate} />
      )}
    </div>
  );
}

function EmptyState({
  filtered,
  q,
  canCreate,
}: {
  filtered: boolean;
  q: string;
  canCreate: boolean;
}) {
  if (filtered)
    return (
      <p className="rounded-2xl border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
        {q ? `No workflow matches “${q}”.` : "This project has no workflows yet."}{" "}
        <Link href="/workflows" className={textLink}>
          Show all workflows
        </Link>
      </p>
    );
  return (
    <section
      aria-labelledby="no-workflows"
      className="rounded-2xl border border-dashed border-zinc-300 p-8 text-center dark:border-zinc-700"
    >
      <h2 id="no-workflows" className="font-semibold">
        No workflows yet
      </h2>
      <p className="mx-auto mt-2 max-w-md text-sm text-zinc-600 dark:text-zinc-400">
        A workflow chains steps — a model call, a condition, an HTTP request, a database write, an
        approval — and runs them on the server, by hand, by webhook or on a schedule.
      </p>
      <div className="mt-5 flex justify-center">
        {canCreate ? (
          <CreateLinks />
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Workflows live in projects; you need to be an editor of one to create them.{" "}
            <Link href="/projects" className={textLink}>
              Go to your projects
            </Link>
          </p>
        )}
      </div>
    </section>
  );
}
