import type { ChatMessageView, MessageMeta, RouteDecision, UiMessage } from "./types";

/**
 * What the chat shows, as a pure reducer. One thread on screen is one conversation on the
 * server: a new chat gets its id here before its first question is sent (`fresh` until the
 * server has answered with it), so a turn stopped before its first token and the next question
 * go to the same conversation. Events of a turn apply only while its conversation is on screen.
 */
export interface ChatState {
  /** The conversation on screen; undefined for a new chat before its first question. */
  activeId?: string;
  /** Started on this screen and not yet confirmed by the server: sent as `newConversationId`. */
  fresh: boolean;
  /** Which conversation `messages` were loaded for (a fresh one needs no loading). */
  threadFor?: string;
  messages: UiMessage[];
  error: string | null;
  /** The conversation a turn is streaming into, if any. */
  streaming?: string;
}

export type ChatAction =
  | { type: "open"; id: string | undefined }
  | { type: "loaded"; id: string; messages: ChatMessageView[] }
  | { type: "loadFailed"; id: string; error: string }
  /** The server does not know the id: a new chat whose first turn never reached it (a reload). */
  | { type: "notOnServer"; id: string }
  | { type: "turnStarted"; id: string; text: string | null; now: string }
  | { type: "meta"; id: string; userMessage?: ChatMessageView; decision: RouteDecision }
  | { type: "delta"; id: string; text: string }
  | { type: "saved"; id: string; message: ChatMessageView }
  | { type: "stopped"; id: string; at: number }
  | { type: "failed"; id: string; error: string }
  | { type: "turnEnded"; id: string }
  | { type: "error"; error: string | null };

export const PENDING_ID = "pending-answer";
const PENDING_USER = "pending-user";

export const initialChat = (activeId?: string): ChatState => ({
  activeId,
  fresh: false,
  messages: [],
  error: null,
});

const patchPending = (s: ChatState, fn: (m: UiMessage) => UiMessage): ChatState => ({
  ...s,
  messages: s.messages.map((m) => (m.id === PENDING_ID ? fn(m) : m)),
});

/** A question whose turn ended before the server echoed it keeps its place under an id of its own. */
const settleQuestion = (s: ChatState, at: number): ChatState => ({
  ...s,
  messages: s.messages.map((m) => (m.id === PENDING_USER ? { ...m, id: `question-${at}` } : m)),
});

const metaOf = (d: RouteDecision): MessageMeta => ({
  taskType: d.taskType,
  model: d.model,
  provider: d.provider,
  reason: d.reason,
  cache: d.cache,
  fallbacks: d.fallbacksTried.length,
  fallbacksTried: d.fallbacksTried,
});

export function chatReducer(s: ChatState, a: ChatAction): ChatState {
  switch (a.type) {
    case "open":
      return a.id === s.activeId && a.id !== undefined ? s : { ...initialChat(a.id) };
    case "loaded":
      return a.id === s.activeId ? { ...s, messages: a.messages, threadFor: a.id } : s;
    case "loadFailed":
      return a.id === s.activeId ? { ...s, error: a.error, threadFor: a.id } : s;
    case "notOnServer":
      return a.id === s.activeId ? { ...s, fresh: true, error: null, threadFor: a.id } : s;
    case "error":
      return { ...s, error: a.error };
    case "turnStarted": {
      const started = s.activeId === a.id ? s : { ...initialChat(a.id), fresh: true };
      const question: UiMessage[] = a.text
        ? [{ id: PENDING_USER, role: "user", content: a.text, meta: {}, createdAt: a.now }]
        : [];
      const answer: UiMessage = {
        id: PENDING_ID,
        role: "assistant",
        content: "",
        meta: {},
        createdAt: a.now,
        pending: true,
      };
      return {
        ...started,
        threadFor: a.id,
        error: null,
        streaming: a.id,
        messages: [...started.messages, ...question, answer],
      };
    }
  }
  // The rest belong to a turn: ignored once its conversation is no longer on screen.
  if (a.id !== s.activeId) return s;
  switch (a.type) {
    case "meta": {
      const withUser = a.userMessage
        ? {
            ...s,
            messages: s.messages.map((m) => (m.id === PENDING_USER ? a.userMessage! : m)),
          }
        : s;
      return patchPending({ ...withUser, fresh: false }, (m) => ({
        ...m,
        meta: metaOf(a.decision),
      }));
    }
    case "delta":
      return patchPending(s, (m) => ({ ...m, content: m.content + a.text }));
    case "saved":
      return patchPending(s, () => a.message);
    case "stopped":
      return patchPending(settleQuestion(s, a.at), (m) => ({
        ...m,
        pending: false,
        id: `stopped-${a.at}`,
        meta: { ...m.meta, error: { code: "cancelled", message: "Stopped." } },
      }));
    case "failed": {
      const settled = settleQuestion(s, Date.now());
      return {
        ...settled,
        error: a.error,
        messages: settled.messages.filter((m) => m.id !== PENDING_ID),
      };
    }
    case "turnEnded":
      return { ...s, streaming: undefined };
  }
}

/** A v4 UUID; crypto.randomUUID exists only in secure contexts (not on a LAN address over http). */
export function newConversationId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
