import { MessageView } from "./message-view";
import type { UiMessage } from "./types";

/**
 * The open conversation: its messages (the last answer can be retried with the strongest model),
 * a placeholder while it loads, or what the router does when there is nothing yet.
 */
export function Thread({
  messages,
  loading,
  strongest,
  onRetryStronger,
}: {
  messages: UiMessage[];
  loading: boolean;
  /** The strongest available model; undefined while an answer streams (no retry then). */
  strongest?: string;
  onRetryStronger: (model: string) => void;
}) {
  if (messages.length === 0 && !loading) {
    return (
      <div className="flex flex-1 flex-col items-center justify-center gap-2 py-16 text-center">
        <h2 className="text-lg font-semibold">Ask anything</h2>
        <p className="max-w-md text-sm text-zinc-600 dark:text-zinc-400">
          The router classifies each question (code, summary, analysis…), picks the best model for
          it, and shows you why, what it cost and whether it came from the cache.
        </p>
      </div>
    );
  }
  const lastAssistant = [...messages].reverse().find((m) => m.role === "assistant");
  return (
    <ol aria-label="Messages" aria-live="polite" className="flex flex-1 flex-col gap-4">
      {loading && (
        <li
          className="h-20 animate-pulse rounded-2xl bg-zinc-100 dark:bg-zinc-800"
          aria-label="Loading messages"
        />
      )}
      {messages.map((m) => (
        <MessageView
          key={m.id}
          message={m}
          strongerLabel={strongest}
          onRetryStronger={
            m === lastAssistant && strongest && m.meta.model !== strongest
              ? () => onRetryStronger(strongest)
              : undefined
          }
        />
      ))}
    </ol>
  );
}
