"use client";

import type { ConversationSummary } from "./types";

const when = (iso: string) => {
  const d = new Date(iso);
  return d.toDateString() === new Date().toDateString()
    ? d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })
    : d.toLocaleDateString();
};

export function ConversationList({
  items,
  projectName,
  activeId,
  loading,
  error,
  onSelect,
  onNew,
  onDelete,
}: {
  items: ConversationSummary[];
  projectName: Map<string, string>;
  activeId?: string;
  loading: boolean;
  error: string | null;
  onSelect: (id: string) => void;
  onNew: () => void;
  onDelete: (c: ConversationSummary) => void;
}) {
  return (
    <nav aria-label="Conversations" className="flex min-h-0 flex-col gap-2">
      <button
        type="button"
        onClick={onNew}
        className="rounded-lg border border-dashed border-zinc-300 px-3 py-2 text-left text-sm font-medium text-zinc-700 outline-none hover:border-indigo-400 hover:text-indigo-600 focus-visible:ring-2 focus-visible:ring-indigo-500 dark:border-zinc-700 dark:text-zinc-300"
      >
        + New chat
      </button>
      {error && <p className="px-1 text-xs text-red-600 dark:text-red-400">{error}</p>}
      {loading && !items.length ? (
        <ul aria-label="Loading conversations" className="space-y-2">
          {[0, 1, 2].map((i) => (
            <li key={i} className="h-9 animate-pulse rounded-lg bg-zinc-100 dark:bg-zinc-800" />
          ))}
        </ul>
      ) : !items.length ? (
        <p className="px-1 text-xs text-zinc-500">No conversations yet.</p>
      ) : (
        <ul className="min-h-0 space-y-1 overflow-y-auto">
          {items.map((c) => (
            <li key={c.id} className="group flex items-center gap-1">
              <button
                type="button"
                onClick={() => onSelect(c.id)}
                aria-current={c.id === activeId ? "page" : undefined}
                className={`min-w-0 flex-1 rounded-lg px-3 py-2 text-left text-sm outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 ${c.id === activeId ? "bg-indigo-50 font-medium text-indigo-700 dark:bg-indigo-500/10 dark:text-indigo-300" : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"}`}
              >
                <span className="block truncate">{c.title}</span>
                <span className="block truncate text-[11px] text-zinc-500">
                  {when(c.updatedAt)}
                  {c.projectId && ` · ${projectName.get(c.projectId) ?? "project"}`}
                </span>
              </button>
              <button
                type="button"
                onClick={() => onDelete(c)}
                aria-label={`Delete conversation ${c.title}`}
                className="rounded-md px-1.5 py-1 text-xs text-zinc-400 opacity-0 outline-none hover:text-red-600 focus-visible:opacity-100 focus-visible:ring-2 focus-visible:ring-indigo-500 group-hover:opacity-100"
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
