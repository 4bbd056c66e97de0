"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { api, ApiError } from "../lib/api";
import { chatReducer, initialChat, newConversationId } from "./chat-state";
import { postSse } from "./stream";
import type { ChatMessageView, ConversationSummary, RouteDecision } from "./types";

export interface TurnOptions {
  /** The model and task type to ask for. */
  model: string;
  taskType: string;
  /** File a new conversation under this project. */
  projectId?: string;
}

/** How long Stop waits for the server to end the stream with the stopped answer before closing it. */
const STOP_WAIT_MS = 3_000;

/** The turn streaming now: its stream, and the id (from `meta`) that stops it on the server. */
interface Turn {
  controller: AbortController;
  turnId?: string;
  stopping?: boolean;
  stopTimer?: ReturnType<typeof setTimeout>;
}

const requestStop = (turnId: string) =>
  api("/api/ai/chat/stop", { method: "POST", json: { turnId } });

/** Leaves a turn still streaming (another conversation opened): stopped, and its stream closed. */
function abandon(turn: Turn | null) {
  if (!turn) return;
  if (turn.turnId && !turn.stopping) requestStop(turn.turnId).catch(() => {});
  turn.stopping = true;
  turn.controller.abort();
}

/** An error answer in words, with the models that were tried when every provider failed. */
function failureText(err: unknown): string {
  if (!(err instanceof ApiError))
    return "The answer could not be fetched. Check your connection and try again.";
  const attempts = err.details?.attempts as { model: string; errorClass: string }[] | undefined;
  return attempts?.length
    ? `${err.message} Tried: ${attempts.map((t) => `${t.model} (${t.errorClass.replace(/_/g, " ")})`).join(", ")}.`
    : err.message;
}

/**
 * The open conversation and its turns: follows the URL (`?c=`, back/forward, links) but changes
 * at once on a click, loads a conversation it did not stream itself, and streams answers into it.
 */
// The ids of new chats this tab started (kept across a reload): only those may be unknown to
// the server without being an error; any other unknown id (a deleted chat, a foreign link) is.
const STARTED_KEY = "aios.chat.started";
function startedIds(): string[] {
  try {
    return JSON.parse(sessionStorage.getItem(STARTED_KEY) ?? "[]") as string[];
  } catch {
    return [];
  }
}
const startedHere = (id: string) => startedIds().includes(id);
function rememberStarted(id: string) {
  try {
    sessionStorage.setItem(STARTED_KEY, JSON.stringify([...startedIds().slice(-19), id]));
  } catch {
    // Storage full or disabled: a reload before the first turn then says "not found".
  }
}

export function useChat(onListChange: () => void) {
  const router = useRouter();
  const urlId = useSearchParams().get("c") ?? undefined;
  const [state, dispatch] = useReducer(chatReducer, urlId, initialChat);
  const [seenUrlId, setSeenUrlId] = useState(urlId);
  if (urlId !== seenUrlId) {
    setSeenUrlId(urlId);
    if (urlId !== state.activeId) dispatch({ type: "open", id: urlId });
  }
  const turnRef = useRef<Turn | null>(null);
  const { activeId, threadFor, fresh } = state;

  useEffect(() => {
    if (!activeId || threadFor === activeId) return;
    let live = true;
    api<{ messages: ChatMessageView[] }>(`/api/conversations/${activeId}`).then(
      (d) => live && dispatch({ type: "loaded", id: activeId, messages: d.messages }),
      (e: unknown) =>
        live &&
        dispatch(
          // Not found: the id was chosen here and its first turn never reached the server (the
          // page was reloaded first), so the next question starts it under the same id.
          e instanceof ApiError && e.status === 404 && startedHere(activeId)
            ? { type: "notOnServer", id: activeId }
            : {
                type: "loadFailed",
                id: activeId,
                error: e instanceof ApiError ? e.message : "Could not load this conversation.",
              },
        ),
    );
    return () => {
      live = false;
    };
  }, [activeId, threadFor]);

  const send = useCallback(
    async (text: string | null, opts: TurnOptions) => {
      abandon(turnRef.current);
      const id = activeId ?? newConversationId();
      const turn: Turn = { controller: new AbortController() };
      const { controller } = turn;
      turnRef.current = turn;
      dispatch({ type: "turnStarted", id, text, now: new Date().toISOString() });
      // The address shows the conversation from its first question on, so a reload finds it.
      if (id !== activeId) router.replace(`/chat?c=${id}`, { scroll: false });
      const isNew = fresh || id !== activeId;
      if (isNew) rememberStarted(id);
      const body = {
        ...(isNew ? { newConversationId: id } : { conversationId: id }),
        ...(isNew && opts.projectId ? { projectId: opts.projectId } : {}),
        stream: true,
        model: opts.model,
        taskType: opts.taskType,
        // A new question may be answered by another model when the picked one fails: the badge
        // names the model that answered and the one that failed. "Retry with" a model means it.
        ...(text ? { content: text, fallback: "allow" } : { regenerate: true }),
      };
      let saved = false;
      try {
        for await (const e of postSse("/api/ai/chat", body, controller.signal)) {
          if (e.event === "meta") {
            const { turnId, ...meta } = e.data as {
              userMessage?: ChatMessageView;
              decision: RouteDecision;
              turnId?: string;
            };
            turn.turnId = turnId;
            dispatch({ type: "meta", id, ...meta });
          } else if (e.event === "delta") {
            dispatch({ type: "delta", id, text: (e.data as { text: string }).text });
          } else if (e.event === "saved") {
            saved = true;
            const { message } = e.data as { message: ChatMessageView };
            dispatch({ type: "saved", id, message });
          }
        }
        // Stopped before any text (nothing to store), or an answer cut without its stored copy.
        if (!saved)
          dispatch(
            turn.stopping
              ? { type: "stopped", id, at: Date.now() }
              : { type: "failed", id, error: failureText(null) },
          );
      } catch (err) {
        if (controller.signal.aborted || turn.stopping)
          dispatch({ type: "stopped", id, at: Date.now() });
        else dispatch({ type: "failed", id, error: failureText(err) });
      } finally {
        clearTimeout(turn.stopTimer);
        dispatch({ type: "turnEnded", id });
        if (turnRef.current === turn) turnRef.current = null;
        onListChange();
      }
    },
    [activeId, fresh, router, onListChange],
  );

  /**
   * Stop: the server ends the stream at once with the answer so far, stored in its place (the
   * `saved` event), so the next question and a reload come after it. Before the first token
   * there is nothing to keep, and a server that cannot stop it (another instance) or a stop that
   * takes long is answered by closing the stream: the server then keeps what it sent.
   */
  const stop = useCallback(() => {
    const turn = turnRef.current;
    if (!turn || turn.stopping) return;
    turn.stopping = true;
    const close = () => turn.controller.abort();
    if (!turn.turnId) return close();
    turn.stopTimer = setTimeout(close, STOP_WAIT_MS);
    requestStop(turn.turnId).catch(close);
  }, []);
  /** Opens a conversation (undefined: a new chat); a turn still streaming is stopped first. */
  const open = useCallback(
    (id: string | undefined) => {
      if (id !== undefined && id === activeId) return;
      abandon(turnRef.current);
      dispatch({ type: "open", id });
      router.push(id ? `/chat?c=${id}` : "/chat", { scroll: false });
    },
    [activeId, router],
  );
  const remove = useCallback(
    async (c: ConversationSummary) => {
      if (!window.confirm(`Delete "${c.title}" and all its messages?`)) return;
      try {
        await api(`/api/conversations/${c.id}`, { method: "DELETE" });
        if (c.id === activeId) open(undefined);
        onListChange();
      } catch (e) {
        dispatch({
          type: "error",
          error: e instanceof ApiError ? e.message : "Could not delete the conversation.",
        });
      }
    },
    [activeId, open, onListChange],
  );

  return {
    ...state,
    loading: activeId !== undefined && threadFor !== activeId,
    streaming: state.streaming !== undefined && state.streaming === activeId,
    send,
    stop,
    open,
    remove,
  };
}
