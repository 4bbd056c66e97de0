"use client";

import { useEditor } from "./editor-context";

/** Every problem of the draft; a click selects and centres the node it is on. */
export function ProblemsList() {
  const issues = useEditor((s) => s.issues);
  const edges = useEditor((s) => s.edges);
  const select = useEditor((s) => s.select);
  if (issues.length === 0)
    return (
      <p className="text-sm text-emerald-700 dark:text-emerald-400" data-testid="no-problems">
        No problems: this draft can be published.
      </p>
    );
  return (
    <section aria-labelledby="problems-heading">
      <h2
        id="problems-heading"
        className="mb-2 text-sm font-semibold text-zinc-900 dark:text-zinc-100"
      >
        Problems ({issues.length})
      </h2>
      <ul className="flex flex-col gap-1" data-testid="problems-list">
        {issues.map((issue, i) => {
          const nodeId = issue.nodeId ?? edges.find((e) => e.id === issue.edgeId)?.target;
          return (
            <li
              key={`${issue.code}-${issue.nodeId ?? issue.edgeId ?? ""}-${issue.field ?? ""}-${i}`}
            >
              <button
                type="button"
                disabled={!nodeId}
                onClick={() => nodeId && select(nodeId, true)}
                className="w-full rounded-lg px-2 py-1.5 text-left text-sm text-zinc-700 outline-none hover:bg-red-50 focus-visible:ring-2 focus-visible:ring-indigo-500 disabled:cursor-default disabled:hover:bg-transparent dark:text-zinc-300 dark:hover:bg-red-500/10"
              >
                {nodeId && (
                  <span className="mr-1 font-mono text-xs text-red-700 dark:text-red-400">
                    {nodeId}
                  </span>
                )}
                {issue.field && issue.field !== "id" && (
                  <span className="mr-1 font-mono text-xs text-zinc-500">
                    {issue.field.replace(/^config\./, "")}:
                  </span>
                )}
                {issue.message}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
