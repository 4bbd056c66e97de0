"use client";

import { memo } from "react";
import { Badge } from "../ui/badge";
import { Markdown } from "./markdown";
import type { MessageMeta, UiMessage } from "./types";

const usd = (n: number) => (n === 0 ? "$0" : n < 0.0001 ? "<$0.0001" : `$${n.toFixed(4)}`);
const CACHED = new Set(["hit", "coalesced"]);

/** The routing badge of an answer: task type, model, cache, cost, latency (TTFT). */
export function RouteBadge({ meta }: { meta: MessageMeta }) {
  if (!meta.model) return null;
  return (
    <div
      className="mt-2 flex flex-wrap items-center gap-1.5"
      data-testid="route-badge"
      title={meta.reason}
    >
      {meta.taskType && <Badge tone="info">{meta.taskType}</Badge>}
      <Badge>{meta.model}</Badge>
      {meta.cache && CACHED.has(meta.cache) ? <Badge tone="success">cached</Badge> : null}
      {meta.costUsd !== undefined && (
        <span
          title={`$${meta.costUsd.toFixed(8)}${meta.inputTokens !== undefined ? ` · ${meta.inputTokens} in / ${meta.outputTokens} out tokens` : ""}`}
        >
          <Badge>{usd(meta.costUsd)}</Badge>
        </span>
      )}
      {meta.latencyMs !== undefined && (
        <Badge>
          {meta.latencyMs} ms{meta.ttftMs !== undefined ? ` · first token ${meta.ttftMs} ms` : ""}
        </Badge>
      )}
      {meta.fallbacks ? (
        <Badge tone="danger">
          {meta.fallbacks} fallback{meta.fallbacks > 1 ? "s" : ""}
        </Badge>
      ) : null}
    </div>
  );
}

export const MessageView = memo(function MessageView({
  message,
  onRetryStronger,
  strongerLabel,
}: {
  message: UiMessage;
  onRetryStronger?: () => void;
  strongerLabel?: string;
}) {
  if (message.role === "user") {
    return (
      <li className="flex justify-end">
        <div className="max-w-[85%] whitespace-pre-wrap rounded-2xl rounded-br-sm bg-indigo-600 px-4 py-2.5 text-sm text-white">
          {message.content}
        </div>
      </li>
    );
  }
  const error = message.meta.error;
  return (
    <li className="flex" aria-busy={message.pending || undefined}>
      <div className="w-full max-w-[92%] rounded-2xl rounded-bl-sm border border-zinc-200 bg-white px-4 py-3 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        {message.content ? (
          <Markdown text={message.content} />
        ) : message.pending ? (
          <span className="text-sm text-zinc-500">Thinking…</span>
        ) : null}
        {message.pending && message.content && (
          <span
            aria-hidden="true"
            className="ml-0.5 inline-block h-4 w-1.5 animate-pulse bg-zinc-400 align-middle"
          />
        )}
        {error && (
          <p
            role="status"
            className={`mt-2 text-xs ${error.code === "cancelled" ? "text-zinc-500" : "text-red-600 dark:text-red-400"}`}
          >
            {error.code === "cancelled" ? "Stopped." : `Answer incomplete: ${error.message}`}
          </p>
        )}
        <div className="flex flex-wrap items-end justify-between gap-2">
          <RouteBadge meta={message.meta} />
          {onRetryStronger && (
            <button
              type="button"
              onClick={onRetryStronger}
              className="mt-2 rounded-md px-2 py-1 text-xs font-medium text-indigo-600 outline-none hover:bg-indigo-50 focus-visible:ring-2 focus-visible:ring-indigo-500 dark:text-indigo-400 dark:hover:bg-indigo-500/10"
            >
              Retry with {strongerLabel ?? "a stronger model"}
            </button>
          )}
        </div>
      </div>
    </li>
  );
});
