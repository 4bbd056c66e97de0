"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { api, ApiError } from "../lib/api";
import { useApi } from "../lib/use-api";
import { Alert } from "../ui/alert";
import { Select } from "../ui/select";
import { Composer, type ComposerChoice } from "./composer";
import { ConversationList } from "./conversation-list";
import { NoProvider } from "./no-provider";
import { postSse } from "./stream";
import { Thread } from "./thread";
import type { ProjectSummary } from "@/lib/projects/schemas";
import type {
  ChatMessageView,
  ConversationSummary,
  ModelsResponse,
  RouteDecision,
  UiMessage,
} from "./types";

const PENDING_ID = "pending-answer";

export function ChatApp() {
  const router = useRouter();
  const params = useSearchParams();
  const urlId = params.get("c") ?? undefined;
  // The open conversation: follows the URL (back/forward, links) but changes at once on a click,
  // so a message typed right after "New chat" cannot land in the previous conversation.
  const [activeId, setActiveId] = useState(urlId);
  const [seenUrlId, setSeenUrlId] = useState(urlId);
  if (urlId !== seenUrlId) {
    setSeenUrlId(urlId);
    setActiveId(urlId);
  }
  const models = useApi<ModelsResponse>("/api/ai/models", "Could not load the available models.");
  const list = useApi<{ conversations: ConversationSummary[] }>(
    "/api/conversations",
    "Could not load your conversations.",
  );
  const [messages, setMessages] = useState<UiMessage[]>([]);
  /** Which conversation `messages` were loaded for; a new one we are streaming into counts as ours. */
  const [threadFor, setThreadFor] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [streaming, setStreaming] = useState(false);
  const [choice, setChoice] = useState<ComposerChoice>({ model: "auto", taskType: "auto" });
  // New chats can be filed under a project the user may edit (its budget and ledger then apply).
  const projects = useApi<{ projects: ProjectSummary[] }>(
    "/api/projects?pageSize=100",
    "Could not load your projects.",
  );
  const [projectId, setProjectId] = useState("");
  const writable = useMemo(
    () => (projects.data?.projects ?? []).filter((p) => p.role !== "viewer"),
    [projects.data],
  );
  const projectName = useMemo(
    () => new Map((projects.data?.projects ?? []).map((p) => [p.id, p.name])),
    [projects.data],
  );
  const abortRef = useRef<AbortController | null>(null);
  const endRef = useRef<HTMLDivElement>(null);

  const available = useMemo(() => models.data?.models ?? [], [models.data]);
  const strongest = useMemo(
    () =>
      [...available].sort((a, b) => b.quality - a.quality || b.outputPerMTok - a.outputPerMTok)[0],
    [available],
  );

  const loadingThread = activeId !== undefined && threadFor !== activeId;
  useEffect(() => {
    if (!activeId || threadFor === activeId) return;
    let live = true;
    api<{ messages: ChatMessageView[] }>(`/api/conversations/${activeId}`)
      .then((d) => {
        if (!live) return;
        setMessages(d.messages);
        setThreadFor(activeId);
      })
      .catch((e: unknown) => {
        if (!live) return;
        setError(e instanceof ApiError ? e.message : "Could not load this conversation.");
        setThreadFor(activeId);
      });
    return () => {
      live = false;
    };
  }, [activeId, threadFor]);

  useEffect(() => {
    endRef.current?.scrollIntoView({ block: "end" });
  }, [messages]);

  const send = useCallback(
    async (text: string | null, override?: { model: string }) => {
      setError(null);
      const controller = new AbortController();
      abortRef.current = controller;
      setStreaming(true);
      const temp: UiMessage[] = text
        ? [
            {
              id: "pending-user",
              role: "user",
              content: text,
              meta: {},
              createdAt: new Date().toISOString(),
            },
          ]
        : [];
      setMessages((m) => [
        ...m,
        ...temp,
        {
          id: PENDING_ID,
          role: "assistant",
          content: "",
          meta: {},
          createdAt: new Date().toISOString(),
          pending: true,
        },
      ]);
      const patchPending = (fn: (m: UiMessage) => UiMessage) =>
        setMessages((all) => all.map((m) => (m.id === PENDING_ID ? fn(m) : m)));
      try {
        const body = {
          conversationId: activeId,
          ...(!activeId && projectId ? { projectId } : {}),
          stream: true,
          model: override?.model ?? choice.model,
          taskType: choice.taskType,
          ...(text ? { content: text } : { regenerate: true }),
        };
        for await (const e of postSse("/api/ai/chat", body, controller.signal)) {
          if (e.event === "meta") {
            const meta = e.data as {
              conversation: ConversationSummary;
              userMessage?: ChatMessageView;
              decision: RouteDecision;
            };
            if (meta.userMessage)
              setMessages((all) =>
                all.map((m) => (m.id === "pending-user" ? meta.userMessage! : m)),
              );
            patchPending((m) => ({
              ...m,
              meta: {
                taskType: meta.decision.taskType,
                model: meta.decision.model,
                cache: meta.decision.cache,
              },
            }));
            if (meta.conversation.id !== activeId) {
              setThreadFor(meta.conversation.id); // we are streaming into it: nothing to load
              setActiveId(meta.conversation.id);
              router.replace(`/chat?c=${meta.conversation.id}`, { scroll: false });
            }
          } else if (e.event === "delta") {
            const { text: piece } = e.data as { text: string };
            patchPending((m) => ({ ...m, content: m.content + piece }));
          } else if (e.event === "saved") {
            const { message } = e.data as { message: ChatMessageView };
            setMessages((all) => all.map((m) => (m.id === PENDING_ID ? message : m)));
          }
        }
      } catch (err) {
        if (controller.signal.aborted) {
          patchPending((m) => ({
            ...m,
            pending: false,
            id: `stopped-${Date.now()}`,
            meta: { ...m.meta, error: { code: "cancelled", message: "Stopped." } },
          }));
        } else {
          setMessages((all) => all.filter((m) => m.id !== PENDING_ID));
          setError(
            err instanceof ApiError
              ? err.message
              : "The answer could not be fetched. Check your connection and try again.",
          );
        }
      } finally {
        setStreaming(false);
        abortRef.current = null;
        list.reload();
      }
    },
    // list.reload is stable enough (setState); choice/activeId are read at send time.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [activeId, choice, projectId, router],
  );

  const stop = () => abortRef.current?.abort();
  const select = (id: string) => {
    if (id === activeId) return;
    setError(null);
    setMessages([]);
    setActiveId(id);
    router.push(`/chat?c=${id}`, { scroll: false });
  };
  const startNew = () => {
    setError(null);
    setMessages([]);
    setThreadFor(undefined);
    setActiveId(undefined);
    router.push("/chat", { scroll: false });
  };
  const remove = async (c: ConversationSummary) => {
    if (!window.confirm(`Delete "${c.title}" and all its messages?`)) return;
    try {
      await api(`/api/conversations/${c.id}`, { method: "DELETE" });
      if (c.id === activeId) startNew();
      list.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not delete the conversation.");
    }
  };

  const noProvider = models.data !== null && available.length === 0;

  return (
    <div className="grid min-h-[calc(100dvh-8rem)] gap-6 md:grid-cols-[14rem_1fr]">
      <ConversationList
        items={list.data?.conversations ?? []}
        projectName={projectName}
        activeId={activeId}
        loading={list.data === null}
        error={list.error}
        onSelect={select}
        onNew={startNew}
        onDelete={remove}
      />
      <section aria-label="Chat" className="flex min-h-0 flex-col gap-4">
        {models.error && <Alert>{models.error}</Alert>}
        {noProvider ? (
          <NoProvider providers={models.data!.providers} />
        ) : (
          <Thread
            messages={messages}
            loading={loadingThread}
            strongest={streaming ? undefined : strongest?.id}
            onRetryStronger={(model) => void send(null, { model })}
          />
        )}
        <div ref={endRef} />
        {error && <Alert>{error}</Alert>}
        {!activeId && writable.length > 0 && (
          <label className="flex items-center gap-2 self-start text-xs text-zinc-600 dark:text-zinc-400">
            File this chat under
            <Select
              variant="xs"
              aria-label="Project"
              value={projectId}
              onChange={(e) => setProjectId(e.target.value)}
            >
              <option value="">no project</option>
              {writable.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
          </label>
        )}
        <div className="sticky bottom-4">
          <Composer
            models={available}
            streaming={streaming}
            disabled={noProvider || models.data === null}
            onSend={(t) => void send(t)}
            onStop={stop}
            choice={choice}
            onChoice={setChoice}
          />
        </div>
      </section>
    </div>
  );
}
