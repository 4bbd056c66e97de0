"use client";

import { lazy, memo, Suspense } from "react";
import { RouteBadge } from "./route-badge";
import type { UiMessage } from "./types";

/** The answer as plain text, until the Markdown renderer (loaded after the page's shell) is in. */
function PlainText({ text }: { text: string }) {
  return (
    <div className="min-w-0 whitespace-pre-wrap text-sm leading-relaxed [overflow-wrap:anywhere]">
      {text}
    </div>
  );
}

// react-markdown + remark-gfm are a third of the chat page's JavaScript: loaded after the shell,
// the answer shown as plain text until then.
const LazyMarkdown = lazy(() => import("./markdown").then((m) => ({ default: m.Markdown })));
function Markdown({ text }: { text: string }) {
  return (
    <Suspense fallback={<PlainText text={text} />}>
      <LazyMarkdown text={text} />
    </Suspense>
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
      <li className="flex min-w-0 justify-end">
        <div className="min-w-0 max-w-[85%] whitespace-pre-wrap rounded-2xl rounded-br-sm bg-indigo-600 px-4 py-2.5 text-sm text-white [overflow-wrap:anywhere]">
          {message.content}
        </div>
      </li>
    );
  }
  const { error, retry } = message.meta;
  return (
    <li className="flex min-w-0" aria-busy={message.pending || undefined}>
      <div className="w-full min-w-0 max-w-[92%] rounded-2xl rounded-bl-sm border border-zinc-200 bg-white px-4 py-3 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        {retry && (
          <p className="mb-2 flex items-center gap-1.5 border-b border-zinc-100 pb-2 text-xs font-medium text-indigo-700 dark:border-zinc-800 dark:text-indigo-300">
            <span aria-hidden="true">↻</span>
            <span className="[overflow-wrap:anywhere]">
              Retried with {retry.model === "auto" ? "automatic routing" : retry.model}
            </span>
          </p>
        )}
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
