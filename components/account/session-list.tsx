import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { SubmitButton } from "@/components/ui/submit-button";
import { timeAgo } from "@/components/lib/time-ago";
import { describeUserAgent } from "@/components/lib/user-agent";
import type { SessionSummary } from "@/lib/auth/schemas";
import type { SessionNotice } from "@/lib/auth/session-forms";

const NOTICES: Record<SessionNotice, { tone: "success" | "error"; text: string }> = {
  "signed-out": { tone: "success", text: "That session is signed out. It no longer works." },
  gone: { tone: "error", text: "That session had already ended." },
  failed: { tone: "error", text: "Could not sign that session out. Try again." },
};

/**
 * The user's signed-in sessions, this browser's first, then the most recently used, each with its own Sign out: a form
 * posting to a server action, so it works without JavaScript. Rendered on the server.
 */
export function SessionList({
  sessions,
  notice,
  now,
  action,
}: {
  sessions: SessionSummary[];
  notice?: SessionNotice;
  now: number;
  action: (form: FormData) => Promise<void>;
}) {
  const message = notice ? NOTICES[notice] : undefined;
  return (
    <div className="space-y-3">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      {sessions.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No signed-in sessions.</p>
      ) : (
        <ul
          aria-label="Signed-in sessions"
          className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800"
        >
          {[...sessions.filter((s) => s.current), ...sessions.filter((s) => !s.current)].map(
            (s) => {
              const device = describeUserAgent(s.userAgent);
              return (
                <li
                  key={s.id}
                  data-testid="session-row"
                  className="flex items-center justify-between gap-3 px-3 py-2.5"
                >
                  <div className="min-w-0">
                    <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
                      <span className="truncate">{device}</span>
                      {s.current && <Badge tone="success">This browser</Badge>}
                    </p>
                    <p className="text-xs text-zinc-500 dark:text-zinc-400">
                      {s.current ? "Active now" : `Active ${timeAgo(s.lastSeenAt, now)}`}
                      {s.ip ? ` · ${s.ip}` : ""} · signed in {timeAgo(s.createdAt, now)}
                    </p>
                  </div>
                  <form action={action} noValidate className="shrink-0">
                    <input type="hidden" name="id" value={s.id} />
                    <SubmitButton
                      variant="danger-quiet"
                      size="sm"
                      aria-label={s.current ? "Sign out this browser" : `Sign out ${device}`}
                    >
                      Sign out
                    </SubmitButton>
                  </form>
                </li>
              );
            },
          )}
        </ul>
      )}
    </div>
  );
}
