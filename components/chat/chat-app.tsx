"use client";

import { useMemo, useState } from "react";
import { useApi } from "../lib/use-api";
import { Alert } from "../ui/alert";
import { Composer } from "./composer";
import { ConversationList } from "./conversation-list";
import { NoProvider } from "./no-provider";
import { ProjectPicker } from "./project-picker";
import { Thread } from "./thread";
import { useChat } from "./use-chat";
import { useComposerChoice } from "./use-composer-choice";
import { useStickToBottom } from "./use-stick-to-bottom";
import type { ProjectSummary } from "@/lib/projects/schemas";
import type { ConversationSummary, ModelsResponse } from "./types";

/**
 * The chat page: conversations beside (or, on small screens, folded above) the open thread.
 * On wide screens it fills the window and the thread scrolls between the list and the composer;
 * on small ones the page scrolls and the composer, with the alerts and the project picker above
 * it, stays at the bottom. Nothing sits behind the composer either way.
 */
export function ChatApp() {
  const models = useApi<ModelsResponse>("/api/ai/models", "Could not load the available models.");
  const list = useApi<{ conversations: ConversationSummary[] }>(
    "/api/conversations",
    "Could not load your conversations.",
  );
  const projects = useApi<{ projects: ProjectSummary[] }>(
    "/api/projects?pageSize=100",
    "Could not load your projects.",
  );
  const { reload: reloadList } = list;
  const chat = useChat(reloadList);
  const available = useMemo(() => models.data?.models ?? [], [models.data]);
  const [choice, setChoice] = useComposerChoice(models.data ? available : null);
  const [projectId, setProjectId] = useState("");
  const writable = useMemo(
    () => (projects.data?.projects ?? []).filter((p) => p.role !== "viewer"),
    [projects.data],
  );
  const projectName = useMemo(
    () => new Map((projects.data?.projects ?? []).map((p) => [p.id, p.name])),
    [projects.data],
  );
  const strongest = useMemo(
    () =>
      [...available].sort((a, b) => b.quality - a.quality || b.outputPerMTok - a.outputPerMTok)[0],
    [available],
  );
  const { ref: threadRef, onScroll } = useStickToBottom<HTMLDivElement>(
    chat.messages,
    chat.threadFor,
  );
  const noProvider = models.data !== null && available.length === 0;
  const turn = { ...choice, projectId: projectId || undefined };

  return (
    <div className="flex min-w-0 flex-col gap-4 md:grid md:min-h-0 md:flex-1 md:grid-cols-[14rem_minmax(0,1fr)] md:grid-rows-[minmax(0,1fr)] md:gap-6">
      <ConversationList
        items={list.data?.conversations ?? []}
        projectName={projectName}
        activeId={chat.activeId}
        loading={list.data === null}
        error={list.error}
        onSelect={chat.open}
        onNew={() => chat.open(undefined)}
        onDelete={(c) => void chat.remove(c)}
      />
      <section aria-label="Chat" className="flex min-w-0 flex-col gap-3 md:min-h-0">
        {models.error && <Alert>{models.error}</Alert>}
        {/* `relative` keeps the answers' screen-reader-only labels inside this scroller, or they would stretch the page. */}
        <div
          ref={threadRef}
          onScroll={onScroll}
          className="relative flex min-w-0 flex-col md:min-h-0 md:flex-1 md:overflow-y-auto md:pr-2"
        >
          {noProvider ? (
            <NoProvider providers={models.data!.providers} />
          ) : (
            <Thread
              messages={chat.messages}
              loading={chat.loading}
              strongest={chat.streaming ? undefined : strongest?.id}
              onRetryStronger={(model) => void chat.send(null, { ...turn, model })}
            />
          )}
        </div>
        <div className="sticky bottom-0 -mx-4 flex flex-col gap-2 border-t border-zinc-200 bg-zinc-50/95 px-4 pb-3 pt-2 backdrop-blur md:static md:mx-0 md:border-0 md:bg-transparent md:p-0 md:backdrop-blur-none dark:border-zinc-800 dark:bg-zinc-950/95 md:dark:bg-transparent">
          {chat.error && <Alert>{chat.error}</Alert>}
          {!chat.activeId && writable.length > 0 && (
            <ProjectPicker projects={writable} value={projectId} onChange={setProjectId} />
          )}
          <Composer
            models={available}
            streaming={chat.streaming}
            disabled={noProvider || models.data === null}
            onSend={(t) => void chat.send(t, turn)}
            onStop={chat.stop}
            choice={choice}
            onChoice={setChoice}
          />
        </div>
      </section>
    </div>
  );
}
