import Link from "next/link";
import type { ReactNode } from "react";

export interface EditorFrameProps {
  projectId: string;
  name: string;
  projectName: string;
  /** Next to the name (the save state). */
  status?: ReactNode;
  /** The header's right side (the toolbar). */
  actions?: ReactNode;
  children: ReactNode;
}

/**
 * The editor's full-bleed frame and header. No store, no React Flow: the page's shell (this,
 * with a skeleton) renders while the editor's code is still on its way.
 */
export function EditorFrame({
  projectId,
  name,
  projectName,
  status,
  actions,
  children,
}: EditorFrameProps) {
  return (
    <div
      data-full-bleed
      className="flex h-[calc(100dvh-3.5rem)] flex-col bg-zinc-50 md:h-dvh dark:bg-zinc-950"
    >
      <header className="flex min-h-14 flex-wrap items-center gap-x-4 gap-y-2 border-b border-zinc-200 bg-white px-4 py-2.5 dark:border-zinc-800 dark:bg-zinc-900">
        <div className="w-full min-w-0 sm:w-auto sm:flex-1">
          <nav
            aria-label="Breadcrumb"
            className="truncate text-xs text-zinc-500 dark:text-zinc-400"
          >
            <Link
              href="/workflows"
              className="text-indigo-600 hover:underline dark:text-indigo-400"
            >
              Workflows
            </Link>
            {" · "}
            <Link href={`/projects/${projectId}`} className="hover:underline">
              {projectName}
            </Link>
          </nav>
          <div className="flex min-w-0 items-center gap-3">
            <h1 className="truncate text-lg font-semibold tracking-tight">{name}</h1>
            {status}
          </div>
        </div>
        {actions}
      </header>
      {children}
    </div>
  );
}
