import { WorkspaceSkeleton } from "@/components/workflows/editor/workspace-skeleton";

export default function Loading() {
  return (
    <div data-full-bleed className="flex h-[calc(100dvh-3.5rem)] flex-col md:h-dvh">
      <div className="h-[58px] animate-pulse border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900" />
      <WorkspaceSkeleton />
    </div>
  );
}
