"use client";

import { useState } from "react";
import type { ConversationSummary } from "./types";

const when = (iso: string) => {
  const d = new Date(iso);
  return d.toDateString() === new Date().toDateString()
    ? d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })
    : d.toLocaleDateString();
};

const LIST_ID = "conversation-list";

/**
 * The user's conversations, newest first. On wide screens a column beside the thread; on small
 * ones folded behind a toggle (it would otherwise push the composer below every conversation),
 * and folded again once one is picked.
 */
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
  const [open, setOpen] = useState(false);
  return (
    <nav aria-label="Conversations" className="flex min-h-0 min-w-0 flex-col gap-2">
      <div className="flex gap-2">
        <button
          type="button"
          aria-expanded={open}
          aria-controls={LIST_ID}
          onClick={() => setOpen((o) => !o)}
          className="flex min-w-0 flex-1 items-center justify-between gap-2 rounded-lg border border-zinc-300 bg-white px-3 py-2 text-left text-sm font-medium text-zinc-700 outline-none hover:border-indigo-400 focus-visible:ring-2 focus-visible:ring-indigo-500 md:hidden dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300"
        >
          <span className="truncate">
            Conversations
            {items.length > 0 && <span className="ml-1 text-zinc-500">({items.length})</span>}
          </span>
          <svg
            aria-hidden="true"
            viewBox="0 0 16 16"
            className={`size-4 shrink-0 text-zinc-400 transition-transform ${open ? "rotate-180" : ""}`}
          >
            <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.5" />
          </svg>
        </button>
        <button
          type="button"
          onClick={() => {
            setOpen(false);
            onNew();
          }}
          className="shrink-0 rounded-lg border border-dashed border-zinc-300 px-3 py-2 text-left text-sm font-medium text-zinc-700 outline-none hover:border-indigo-400 hover:text-indigo-600 focus-visible:ring-2 focus-visible:ring-indigo-500 md:flex-1 dark:border-zinc-700 dark:text-zinc-300"
        >
          + New chat
        </button>
      </div>
      <div
        id={LIST_ID}
        className={`${open ? "flex" : "hidden"} max-h-[45dvh] min-h-0 flex-col gap-2 md:flex md:max-h-none`}
      >
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
          <ul className="min-h-0 space-y-1 overflow-y-auto p-0.5">
            {items.map((c) => (
              <li key={c.id} className="group flex min-w-0 items-center gap-1">
                <button
                  type="button"
                  onClick={() => {
                    setOpen(false);
                    onSelect(c.id);
                  }}
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
                  className="shrink-0 rounded-md px-2 py-1.5 text-xs text-zinc-400 outline-none hover:text-red-600 focus-visible:opacity-100 focus-visible:ring-2 focus-visible:ring-indigo-500 md:opacity-0 md:group-hover:opacity-100"
                >
                  ✕
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </nav>
  );
}
